"""CPU per URL of the check stage alone, in-process (issue #13).

    python benchmarks/check_cpu.py SCENARIO BASE_PORT [--runs 3]

Runs :func:`citecheck.check.runner.check_urls` over the URLs of one scale scenario (``scale.py``)
with the options the scale benchmark gives both tools (128 in flight, 10 per host, private
addresses allowed). The scenario's nginx must already be serving on ``BASE_PORT`` + 40
(``scale.nginx_conf`` under ``bench.nginx_running``, as ``scale.py`` serves it). The first run
pays for the TLS context and imports; each run prints its wall and ``process_time``.
To compare two trees, put one of them on ``PYTHONPATH`` (``git archive``) and alternate the
processes: on a shared machine only paired rounds say anything.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale

from citecheck.check.runner import check_urls
from citecheck.models import CheckOptions


def main() -> None:
    """Run the check stage ``--runs`` times and print each run's figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scenario", choices=sorted(scale.SCENARIOS))
    parser.add_argument("base_port", type=int)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    scenario = scale.SCENARIOS[args.scenario]
    targets = {url: title for url, title, _ in scenario.targets(args.base_port + scale.PORT_OFFSET)}
    options = CheckOptions(timeout=10, concurrency=128, per_host=10, allow_private=True,
                           user_agent="bench", dns_probe="")
    for i in range(args.runs):
        cpu, wall = time.process_time(), time.perf_counter()
        run = asyncio.run(check_urls(targets, options))
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        verdicts = collections.Counter(result.status.value for result in run.results.values())
        print(f"{args.scenario} run{i} wall {wall:.3f} cpu {cpu:.3f} = "
              f"{cpu / len(targets) * 1e3:.3f} ms/URL {dict(verdicts)}")


if __name__ == "__main__":
    main()
