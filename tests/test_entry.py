"""The console script's exit: the status, the streams and the exit handlers as a normal exit,
without the interpreter's teardown (``citecheck.entry._leave``). Run in subprocesses, since
the fast exit ends the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest


def _script(body: str, *args: str) -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent("""
        import atexit, sys
        from citecheck import entry
        atexit.register(lambda: sys.stdout.write("exit handler ran\\n"))
    """) + textwrap.dedent(body)
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=60, check=False)


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["--bogus"], 2),  # a usage error, decided by typer
        (["config"], 0),  # a command that returns normally
    ],
)
def test_status_streams_and_exit_handlers_are_kept(args: list[str], status: int) -> None:
    done = _script("""
        sys.argv = ["citecheck", *sys.argv[1:]]
        print("written before the exit, not flushed", end="")
        entry.main()
    """, *args)
    assert done.returncode == status, done.stderr
    assert done.stdout.startswith("written before the exit, not flushed")
    assert done.stdout.endswith("exit handler ran\n")
    assert "Traceback" not in done.stderr


def test_a_message_exits_as_system_exit_does() -> None:
    done = _script("""
        entry._leave("a message")
        sys.exit("a message")
    """)
    assert done.returncode == 1
    assert done.stderr == "a message\n"
    assert done.stdout == "exit handler ran\n"


@pytest.mark.parametrize(("code", "status"), [(None, 0), (3, 3), (256 + 7, 7), (-1, 255)])
def test_status_is_what_the_platform_keeps(code: int | None, status: int) -> None:
    done = _script(f"entry._leave({code!r})\nsys.stdout.write('not reached\\n')\n")
    assert done.returncode == status
    assert done.stdout == "exit handler ran\n"


def test_a_running_thread_gets_the_normal_exit() -> None:
    done = _script("""
        import threading, time
        def late():
            time.sleep(0.2)
            print("thread finished")
        threading.Thread(target=late).start()
        entry._leave(4)
        sys.exit(4)
    """)
    assert done.returncode == 4
    assert done.stdout == "thread finished\nexit handler ran\n"


def test_the_commands_that_check_nothing_are_the_cli_s() -> None:
    # entry.py tells a check by its first word before the command line is imported.
    from citecheck import entry
    from citecheck.cli import app

    commands = {command.name for command in app.registered_commands}
    assert commands - {"check", "fix"} == entry.OTHER_COMMANDS


@pytest.mark.parametrize(
    ("args", "checks"),
    [
        (["doc.md"], True),
        (["check", "doc.md", "--json", "r.json"], True),
        (["fix", "doc.md"], True),
        (["--json", "r.json", "doc.md"], True),
        ([], False),
        (["config"], False),
        (["parse", "doc.md"], False),
        (["merge", "a.json"], False),
        (["schema"], False),
        (["doc.md", "--help"], False),
        (["check", "-h"], False),
    ],
)
def test_a_check_is_told_by_its_arguments(args: list[str], checks: bool) -> None:
    from citecheck import entry

    assert entry._names_a_check(args) is checks
