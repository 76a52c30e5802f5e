"""Tests of `python -m tools.run`, the honcho of `make run`, on a tiny Procfile.

Each test starts it in a session of its own, as a terminal starts `make run`,
and stops it the way a learner or make does.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def procfile(tmp_path: Path) -> Path:
    """A Procfile of one process that says it is up, then waits."""
    path = tmp_path / "Procfile"
    path.write_text("sleeper: echo up; exec sleep 60\n")
    return path


def start(procfile: Path) -> subprocess.Popen[str]:
    """Start tools.run on the Procfile and return once its process is up."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.run", "-f", str(procfile), "start"],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.endswith("| up\n"):
            return process
    pytest.fail(f"the process did not start; tools.run ended with {process.wait()}")


def test_ctrl_c_is_a_clean_stop(procfile):
    process = start(procfile)

    os.killpg(process.pid, signal.SIGINT)

    assert process.wait(timeout=10) == 0


def test_a_term_to_it_alone_stops_its_processes_cleanly(procfile):
    process = start(procfile)

    process.terminate()

    assert process.wait(timeout=10) == 0


def test_a_process_that_fails_is_still_a_failure(tmp_path):
    procfile = tmp_path / "Procfile"
    procfile.write_text("broken: exit 3\n")

    result = subprocess.run(
        [sys.executable, "-m", "tools.run", "-f", str(procfile), "start"],
        cwd=REPO_ROOT,
        capture_output=True,
        check=False,
        timeout=10,
    )

    assert result.returncode == 3
