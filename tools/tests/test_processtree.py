"""Tests of a process's tree: found across sessions, and killed whole."""

import subprocess
import sys
import time

import pytest

from tools.processtree import kill_tree, process_tree

# A parent that starts `sleep` in a session of its own, as tools/run.py starts
# each Procfile line, says the child's pid, and waits.
PARENT = (
    "import subprocess, time; "
    "child = subprocess.Popen(['sleep', '60'], start_new_session=True); "
    "print(child.pid, flush=True); time.sleep(60)"
)


@pytest.fixture
def parent():
    """Start the parent; yield it and its child's pid; kill what is left."""
    process = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True
    )
    child = int(process.stdout.readline())
    yield process, child
    kill_tree(process.pid)
    process.wait()


def running(pid):
    """Tell whether a process runs: it exists and is not a zombie."""
    state = subprocess.run(
        ["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True
    ).stdout.strip()
    return bool(state) and not state.startswith("Z")


def test_process_tree_finds_a_child_in_a_session_of_its_own(parent):
    process, child = parent

    tree = process_tree(process.pid)

    assert (child, child) in tree


def test_kill_tree_kills_a_child_in_a_session_of_its_own(parent):
    process, child = parent

    kill_tree(process.pid)

    process.wait(timeout=5)
    deadline = time.monotonic() + 5
    while running(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running(child)
