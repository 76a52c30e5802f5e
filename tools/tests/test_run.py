"""Tests of `python -m tools.run`, the process runner of `make run`, on tiny Procfiles.

Each test starts it in a session of its own, as a terminal starts `make run`,
and stops it the way a learner or make does.
"""

import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tools.processtree import kill_tree
from tools.run import Entry, ProcfileError, entries_select, procfile_read

REPO_ROOT = Path(__file__).resolve().parents[2]
SLEEPER = "sleeper: echo up; exec sleep 60\n"


def write_procfile(tmp_path: Path, text: str) -> Path:
    """Write a Procfile into the test's folder and return its path."""
    path = tmp_path / "Procfile"
    path.write_text(text)
    return path


@pytest.fixture
def start() -> Iterator[Callable[[Path], subprocess.Popen[str]]]:
    """Start tools.run on a Procfile, returning once a process said it is up.

    Whatever a test leaves running, the runner and what it started, is
    killed after it.
    """
    started: list[subprocess.Popen[str]] = []

    def starting(procfile: Path) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-m", "tools.run", "--procfile", str(procfile)],
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        started.append(process)
        assert process.stdout is not None
        for line in process.stdout:
            if line.endswith("| up\n"):
                return process
        pytest.fail(f"no process started; tools.run ended with {process.wait()}")

    yield starting
    for process in started:
        kill_tree(process.pid)
        process.wait()


def running(pid: int) -> bool:
    """Return whether the process runs: neither gone nor a zombie nobody reaped."""
    state = subprocess.run(
        ["ps", "-o", "stat=", "-p", str(pid)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return bool(state) and not state.startswith("Z")


def run(procfile: Path, *names: str) -> subprocess.CompletedProcess[str]:
    """Run tools.run on the Procfile to its end."""
    return subprocess.run(
        [sys.executable, "-m", "tools.run", "--procfile", str(procfile), *names],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=20,
    )


def test_procfile_read_skips_comments_and_blank_lines(tmp_path):
    procfile = write_procfile(tmp_path, "# the web\n\nweb: exec serve --port 1\n")

    assert procfile_read(procfile) == [Entry("web", "exec serve --port 1")]


def test_procfile_read_names_a_line_without_a_command(tmp_path):
    procfile = write_procfile(tmp_path, "web: serve\nworker\n")

    with pytest.raises(ProcfileError, match="Procfile:2"):
        procfile_read(procfile)


def test_entries_select_names_an_unknown_process():
    entries = [Entry("web", "serve"), Entry("worker", "work")]

    with pytest.raises(ProcfileError, match="no process beat; there are web, worker"):
        entries_select(entries, ["beat"])


def test_each_line_is_prefixed_with_its_process_name(tmp_path):
    procfile = write_procfile(
        tmp_path, "one: echo first\ntwo: sleep 0.2; echo second\n"
    )

    result = run(procfile)

    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.endswith(" one    | first") for line in lines)
    assert any(line.endswith(" two    | second") for line in lines)


def test_only_the_named_processes_start(tmp_path):
    procfile = write_procfile(tmp_path, "one: echo first\ntwo: echo second\n")

    result = run(procfile, "two")

    assert "second" in result.stdout
    assert "first" not in result.stdout


def test_ctrl_c_is_a_clean_stop(tmp_path, start):
    process = start(write_procfile(tmp_path, SLEEPER))

    os.killpg(process.pid, signal.SIGINT)

    assert process.wait(timeout=10) == 0


def test_a_term_to_it_alone_stops_its_processes_cleanly(tmp_path, start):
    process = start(write_procfile(tmp_path, SLEEPER))

    process.terminate()

    assert process.wait(timeout=10) == 0


def test_a_hangup_stops_its_processes_cleanly(tmp_path, start):
    marker = tmp_path / "child.pid"
    procfile = write_procfile(
        tmp_path, f"sleeper: echo $$ > {marker}; echo up; exec sleep 60\n"
    )
    process = start(procfile)
    child = int(marker.read_text())

    os.killpg(process.pid, signal.SIGHUP)

    assert process.wait(timeout=10) == 0
    assert not running(child)


def test_a_stop_reaches_what_a_process_started(tmp_path, start):
    marker = tmp_path / "child.pid"
    procfile = write_procfile(
        tmp_path, f"parent: sleep 60 & echo $! > {marker}; echo up; wait\n"
    )
    process = start(procfile)
    child = int(marker.read_text())

    process.terminate()
    process.wait(timeout=10)

    assert not running(child)


def test_a_process_that_ends_with_0_leaves_the_others_running(tmp_path, start):
    procfile = write_procfile(
        tmp_path, "done: exit 0\n" + SLEEPER.replace("echo up", "sleep 0.5; echo up")
    )
    process = start(procfile)

    assert process.poll() is None
    process.terminate()
    assert process.wait(timeout=10) == 0


def test_a_process_that_fails_stops_the_others_with_its_status(tmp_path):
    procfile = write_procfile(tmp_path, "broken: sleep 0.5; exit 3\n" + SLEEPER)

    result = run(procfile)

    assert result.returncode == 3
    assert "broken ended with status 3" in result.stdout
    assert "stopping sleeper" in result.stdout


def test_an_unknown_process_is_refused(tmp_path):
    result = run(write_procfile(tmp_path, SLEEPER), "beat")

    assert result.returncode == 2
    assert "no process beat" in result.stderr
