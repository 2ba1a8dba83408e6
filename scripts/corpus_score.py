"""Score the parser on real documents: notes found, URLs exact, Ibid./short forms resolved.

Usage: ``python scripts/corpus_score.py [FOLDER ...]`` (default: tests/data/real). Prints one row
per document and the totals the issues judge by; ``-v`` lists every problem. A folder kept out of
the tests (a holdout set) can be scored the same way.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from support.real import REAL, Score, cases, read_case, score

_FIELDS = ("notes_expected", "notes_found", "urls_expected", "urls_exact", "ibid_expected",
           "ibid_resolved", "short_expected", "short_resolved", "stray_notes", "links_expected",
           "links_found")


def main(argv: list[str]) -> None:
    verbose = "-v" in argv
    roots = [Path(a) for a in argv if a != "-v"] or [REAL]
    total = Score()
    exact = 0
    count = 0
    for root in roots:
        for case in cases(root):
            result = score(read_case(case), case.expected)
            count += 1
            exact += result.exact
            for name in _FIELDS:
                setattr(total, name, getattr(total, name) + getattr(result, name))
            print(f"{'ok ' if result.exact else 'BAD'} {case.name:<60} notes "
                  f"{result.notes_found}/{result.notes_expected} urls "
                  f"{result.urls_exact}/{result.urls_expected} stray {result.stray_notes}")
            if verbose:
                for problem in result.problems:
                    print(f"      {problem}")
    def pct(a: int, b: int) -> str:
        return f"{a}/{b} ({100 * a / b:.1f} %)" if b else "0/0"
    print(f"\n{exact}/{count} documents exact")
    print(f"notes found      {pct(total.notes_found, total.notes_expected)}")
    print(f"URLs exact       {pct(total.urls_exact, total.urls_expected)}")
    print(f"Ibid. resolved   {pct(total.ibid_resolved, total.ibid_expected)}")
    print(f"short resolved   {pct(total.short_resolved, total.short_expected)}")
    print(f"body links found {pct(total.links_found, total.links_expected)}")
    print(f"stray notes      {total.stray_notes}")


if __name__ == "__main__":
    main(sys.argv[1:])
