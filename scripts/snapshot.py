"""Write every output citecheck gives for the seed and the test corpus into one folder.

Used around a refactoring: run it before and after, then ``diff -r`` the two folders. The parse
result of each document is dumped in full, and the CLI is run offline on it with every report
format; run times and timestamps are replaced by placeholders so that two runs compare byte for
byte. Usage: ``python scripts/snapshot.py OUTDIR``.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted(
    [*ROOT.glob("seeds/*"), *ROOT.glob("tests/data/*/*")],
)
DOCS = [p for p in DOCS if p.suffix in {".txt", ".md", ".html", ".htm", ".markdown"}]
_VOLATILE = re.compile(
    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"
    r"|(?<=\"duration_ms\": )[\d.]+|(?<=\"elapsed_ms\": )\d+"
    r"|(?<=\"elapsed\": )[\d.]+|(?<=time=\")[\d.]+"
    r"|\b\d+(?:\.\d+)? ?(?:ms|s)\b"
)


def _stable(text: str) -> str:
    return _VOLATILE.sub("<T>", text)


def main(out: Path) -> None:
    from citecheck.parse import parse_document

    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "CI": "", "GITHUB_ACTIONS": ""}
    for doc in DOCS:
        name = str(doc.relative_to(ROOT)).replace("/", "__")
        parsed = parse_document(doc.read_text(encoding="utf-8"), str(doc.relative_to(ROOT)))
        (out / f"{name}.parse.json").write_text(
            json.dumps(dataclasses.asdict(parsed), indent=1, default=str, ensure_ascii=False)
        )
        files = {fmt: out / f"{name}.{fmt}" for fmt in ("json", "markdown", "junit", "sarif")}
        args = [sys.executable, "-m", "citecheck", "check", str(doc.relative_to(ROOT)),
                "--no-archive", "--no-cache"]
        for fmt, path in files.items():
            args += [f"--{fmt}", str(path)]
        run = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
        (out / f"{name}.stdout").write_text(_stable(run.stdout))
        (out / f"{name}.stderr").write_text(_stable(run.stderr) + f"\nexit {run.returncode}\n")
        for path in files.values():
            if path.exists():
                path.write_text(_stable(path.read_text()))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
