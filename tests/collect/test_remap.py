"""--remap: rewrite before fetching, report the URL as cited."""

from __future__ import annotations

import re

from citecheck.collect.remap import remap_targets, remap_url
from citecheck.models import LinkResult, Verdict

RULES = [(re.compile(r"^http://old\.example/(.*)$"), r"https://new.example/\1"),
         (re.compile(r"example"), "never-reached")]


def test_first_matching_rule_wins_with_groups() -> None:
    assert remap_url("http://old.example/a?b=1", RULES) == "https://new.example/a?b=1"
    assert remap_url("https://other.org/", RULES) == "https://other.org/"


def test_two_cited_urls_to_one_address_are_fetched_once() -> None:
    rewrites = remap_targets({"http://old.example/a": "Title", "https://new.example/a": None},
                             RULES[:1])
    assert rewrites.targets == {"https://new.example/a": "Title"}
    checked = {"https://new.example/a": LinkResult("https://new.example/a", Verdict.LIVE,
                                                   "HTTP 200")}
    results = rewrites.results(checked)
    assert results["https://new.example/a"].detail == "HTTP 200"
    moved = results["http://old.example/a"]
    assert moved.url == "http://old.example/a"
    assert moved.detail == "HTTP 200 (checked at https://new.example/a by --remap)"
