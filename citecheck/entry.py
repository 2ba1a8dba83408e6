"""The console script: ``citecheck --version`` answers before the CLI is imported.

Importing the command line loads typer, rich and (for a check) httpx, about a third of a second;
asking for the version should not cost that. Everything else goes to :func:`citecheck.cli.main`
(a check after starting its warm worker, :mod:`citecheck.check.warm`), and the process then
leaves without tearing the interpreter down (see :func:`_leave`).
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
    if _names_a_check(sys.argv[1:]):
        # Forked before the command line is imported, the worker imports the HTTP stack while
        # this process imports the command line and reads the documents.
        from citecheck.check.warm import start_ahead

        start_ahead()
    from citecheck.cli import main as cli_main

    try:
        try:
            cli_main()
        finally:
            _end_ahead()
    except SystemExit as exc:
        _leave(exc.code)
        raise
    _leave(0)


#: The command line's commands that check nothing (``check`` and ``fix`` do; a first word that
#: names no command is a document, for ``check``). tests/test_entry.py holds this to the CLI.
OTHER_COMMANDS = frozenset({"config", "schema", "parse", "merge"})


def _names_a_check(args: list[str]) -> bool:
    """Whether these arguments run a check (a wrong guess costs a worker ended unused)."""
    if not args or args[0] in OTHER_COMMANDS:
        return False
    return not any(arg in ("-h", "--help") for arg in args)


def _end_ahead() -> None:
    warm = sys.modules.get("citecheck.check.warm")
    if warm is not None:
        warm.end_ahead()


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
