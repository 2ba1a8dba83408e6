"""The console script: ``citecheck --version`` answers before the CLI is imported.

Importing the command line loads typer, rich and (for a check) httpx, about a third of a second;
asking for the version should not cost that. Everything else goes to :func:`citecheck.cli.main`.
"""

from __future__ import annotations

import sys


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from citecheck import __version__

        sys.stdout.write(f"citecheck {__version__}\n")
        return
    from citecheck.cli import main as cli_main

    cli_main()
