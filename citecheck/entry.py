"""The console script: ``citecheck --version`` answers before the CLI is imported.

Importing the command line loads typer, rich and (for a check) httpx, about a third of a second;
asking for the version should not cost that. Everything else goes to :func:`citecheck.cli.main`,
and the process then leaves without tearing the interpreter down (see :func:`_leave`).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from citecheck import __version__

        sys.stdout.write(f"citecheck {__version__}\n")
        return
    from citecheck.cli import main as cli_main

    try:
        cli_main()
    except SystemExit as exc:
        _leave(exc.code)
        raise
    _leave(0)


def _leave(code: object) -> None:
    """End the process with ``code`` as :class:`SystemExit` would, minus the teardown.

    After a check of thousands of URLs the interpreter holds ~100 MB of objects (documents,
    results, the HTTP stack); a normal exit frees them one by one and clears every module,
    0.05-0.1 s of CPU after the report is written and the exit code decided. Here the
    ``atexit`` handlers run and both streams are flushed first, so nothing is lost: every report
    is written, flushed and closed by the CLI before it returns. When something is unusual (a
    thread still running, a stream that cannot be flushed) the normal exit is taken instead,
    which reports it as usual.
    """
    if threading.active_count() > 1:
        return
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # a message: SystemExit prints it and exits 1
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe or stream: let Python say so and set the code
        return
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(status & 0xFF)  # what the platform's exit() keeps of the status, as for sys.exit
