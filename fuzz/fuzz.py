"""Fuzz citecheck's input-facing code for a fixed time (hypothesis, outside the test suite).

    python fuzz/fuzz.py [--seconds-per-target 60] [--slow 2.0]

Targets: every reader through ``parse_document`` (arbitrary text and hostile shapes, as .txt,
.md, .html, .rst, .tex and .bib), URL repair (idempotent), the maskers (no secret survives,
idempotent), the HTML depth guard and the reduced reading (``parse/reduced.py``). Each target
runs for its share of the time; the script prints, per target, the
inputs tried, failures (an exception or a broken property) and the slowest input, and exits 1
when any input failed or took longer than ``--slow`` seconds. Failing inputs are written to
``fuzz/findings/``. The numbers of the last runs are in fuzz/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from parse.test_properties import (
    HOSTILE_PIECES,
    HTML_PIECES,
    MARKDOWN_PIECES,
    TEXT_PIECES,
    urls_with_a_secret,
)

from citecheck.models import DiagnosticCode, DocumentFormat
from citecheck.parse import parse_document
from citecheck.parse.html_depth import as_text, nesting_depth
from citecheck.parse.reduced import read_reduced
from citecheck.parse.urls import extract_urls, repair_url
from citecheck.report.scrub import mask_text, mask_url

FINDINGS = Path(__file__).parent / "findings"


@dataclass
class Tally:
    tried: int = 0
    failures: list[str] = field(default_factory=list)
    slowest: float = 0.0
    slowest_input: str = ""
    slowest_args: object = None


def _documents() -> st.SearchStrategy[str]:
    pieces = HOSTILE_PIECES + HTML_PIECES + MARKDOWN_PIECES + TEXT_PIECES
    return st.one_of(
        st.text(max_size=2000),
        st.lists(st.sampled_from(pieces) | st.text(max_size=6), max_size=400).map("".join),
        st.tuples(st.sampled_from(pieces), st.integers(0, 20000)).map(lambda p: p[0] * p[1]),
        st.tuples(st.sampled_from(pieces), st.sampled_from(pieces), st.integers(0, 5000)).map(
            lambda p: p[0] * p[2] + p[1] * p[2]
        ),
    )


def _check_document(text: str, suffix: str) -> None:
    document = parse_document(text, "fuzz" + suffix)
    for note in document.notes:
        for url in note.urls:
            assert repair_url(url) == url, f"URL not a fixed point: {url!r}"


def _check_urls(text: str) -> None:
    once = repair_url(text)
    assert repair_url(once) == once, "repair_url is not idempotent"
    for url in extract_urls(text):
        assert repair_url(url) == url


def _check_mask(case: tuple[str, list[str]], noise: str) -> None:
    url, secrets = case
    for secret in secrets:
        assert secret not in mask_url(url), "secret left in mask_url"
        assert secret not in mask_text(noise + url + noise), "secret left in mask_text"
    assert mask_text(mask_text(noise)) == mask_text(noise)


def _check_reduced(text: str, fmt: DocumentFormat) -> None:
    document = read_reduced(text, "fuzz", fmt, "fuzzed")
    assert [note.index for note in document.notes] == list(range(len(document.notes)))
    assert document.diagnostics[0].code is DiagnosticCode.DOCUMENT_TOO_DENSE
    for note in document.notes:
        for url in note.urls:
            assert repair_url(url) == url, f"URL not a fixed point: {url!r}"


def _check_depth(text: str) -> None:
    nesting_depth(text)
    flat = as_text(text)
    if "\r" not in text:  # lines are kept (a carriage return is left to the readers)
        assert flat.count("\n") == text.count("\n"), "as_text changed the line count"


def _target(name: str, strategy: st.SearchStrategy, check: Callable[..., None],
            tally: Tally) -> Callable[[], None]:
    @settings(max_examples=500, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def run(args: tuple[object, ...]) -> None:
        tally.tried += 1
        started = time.perf_counter()
        try:
            check(*args)
        except Exception:  # a finding: keep going, record it
            tally.failures.append(repr(args)[:2000] + "\n" + traceback.format_exc())
        elapsed = time.perf_counter() - started
        if elapsed > tally.slowest:
            tally.slowest, tally.slowest_input = elapsed, repr(args)[:300]
            tally.slowest_args = args

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds-per-target", type=float, default=60.0)
    parser.add_argument("--slow", type=float, default=2.0)
    options = parser.parse_args()
    suffixes = st.sampled_from([".txt", ".md", ".html", ".rst", ".tex", ".bib"])
    targets = {
        "readers": (st.tuples(_documents(), suffixes), _check_document),
        "url repair": (st.tuples(st.text(max_size=300) | _documents()), _check_urls),
        # Noise from characters no secret holds, so a leak is the masker's, not the noise's.
        "masking": (
            st.tuples(urls_with_a_secret(), st.text(alphabet="abcxyz01 .,:;()<>\"'\n\u00e9",
                                                   max_size=20)),
            _check_mask,
        ),
        "html depth guard": (st.tuples(_documents()), _check_depth),
        "reduced reading": (st.tuples(_documents(), st.sampled_from(list(DocumentFormat))),
                            _check_reduced),
    }
    failed = False
    total = 0
    for name, (strategy, check) in targets.items():
        tally = Tally()
        run = _target(name, strategy, check, tally)
        end = time.monotonic() + options.seconds_per_target
        while time.monotonic() < end:
            run()
        total += tally.tried
        slow = tally.slowest > options.slow
        print(f"{name:18s} {tally.tried:8,d} inputs  {len(tally.failures)} failures  "
              f"slowest {tally.slowest:.2f} s{'  SLOW' if slow else ''}", flush=True)
        if tally.failures or slow:
            failed = True
            FINDINGS.mkdir(exist_ok=True)
            report = FINDINGS / f"{name.replace(' ', '-')}.txt"
            (FINDINGS / f"{name.replace(' ', '-')}-slowest.repr").write_text(
                repr(tally.slowest_args)
            )
            report.write_text("\n\n".join(tally.failures[:20])
                              + f"\n\nslowest ({tally.slowest:.2f} s): {tally.slowest_input}\n")
    print(f"total {total:,d} inputs", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
