"""``citecheck config``: every key with its value and where the value came from."""

from __future__ import annotations

from pathlib import Path

from support.config import write

from citecheck.settings import (
    format_settings,
    load_config,
    resolve_settings,
)


def test_format_settings_shows_every_key_with_its_source(in_tmp: Path) -> None:
    path = write(in_tmp / "citecheck.toml", "exclude = ['linkedin\\.com']\ntimeout = 5\n")
    cli: dict[str, object] = {"json": "-", "fail_on": "dead,soft404"}
    settings, sources = resolve_settings(
        cli, load_config(path), path, {"CITECHECK_USER_AGENT": 'bot "x"'}
    )
    assert format_settings(settings, sources) == (
        "paths = []  (default)\n"
        'json = "-"  (command line)\n'
        "markdown = none  (default)\n"
        "junit = none  (default)\n"
        "sarif = none  (default)\n"
        "timeout = 5.0  (citecheck.toml)\n"
        "retries = 2  (default)\n"
        "concurrency = 32  (default)\n"
        "per_host = 4  (default)\n"
        "allow_private = false  (default)\n"
        'user_agent = "bot \\"x\\""  (env CITECHECK_USER_AGENT)\n'
        'doi_base = "https://doi.org/"  (default)\n'
        'fail_on = ["dead", "soft404"]  (command line)\n'
        'warn_on = ["drifted", "moved", "blocked", "timeout", "error"]  (default)\n'
        "max_failures = 0  (default)\n"
        "fail_on_empty = false  (default)\n"
        "exclude = ['linkedin\\.com']  (citecheck.toml)\n"
        "include = []  (default)\n"
        "quiet = false  (default)\n"
        "verbose = false  (default)\n"
        'color = "auto"  (default)\n'
        "probe = true  (default)\n"
        "max_redirects = 10  (default)\n"
        "archive = true  (default)\n"
        "archive_base = \"https://archive.org/\"  (default)\n"
        "archive_all = false  (default)\n"
        "cache = true  (default)\n"
        "cache_dir = none  (default)\n"
        'max_age = "1d,1h"  (default)\n'
        "confirm = 1  (default)\n"
        'confirm_spacing = "24h"  (default)\n'
        "dns_probe = \"example.com\"  (default)\n"
        "max_document_size = 67108864  (default)\n"
        "jobs = 1  (default)\n"
        "shard = none  (default)\n"
        'output = "auto"  (default)\n'
        "show_all = false  (default)\n"
        "html = none  (default)\n"
        "accept = []  (default)\n"
        "headers = []  (default)\n"
        "remap = []  (default)\n"
        "hosts = {}  (default)\n"
    )


def test_header_values_are_never_shown(in_tmp: Path) -> None:
    settings, sources = resolve_settings(
        {"headers": ["Authorization: Bearer s3cret", "X-Trace: visible-name-only"]}, {}, None, {}
    )
    shown = format_settings(settings, sources)
    assert 'headers = ["Authorization: ***", "X-Trace: ***"]  (command line)' in shown
    assert "s3cret" not in shown and "visible-name-only" not in shown
