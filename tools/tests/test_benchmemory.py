"""Tests of how make bench sums a stack's RSS and PSS: a fake /proc, then the real."""

import os
import sys

import pytest

from tools.benchmemory import Memory, parent_of, tree_memory


def process(proc, pid, *, parent, kilobytes=None, pss=None, name="python"):
    """Write a process into a fake /proc: its stat line, status and smaps_rollup."""
    folder = proc / str(pid)
    folder.mkdir(parents=True)
    (folder / "stat").write_text(f"{pid} ({name}) S {parent} {pid} {pid} 0 -1\n")
    resident = f"VmRSS:\t{kilobytes:>8} kB\n" if kilobytes is not None else ""
    (folder / "status").write_text(f"Name:\t{name}\nState:\tS\n{resident}Threads:\t1\n")
    if pss is not None:
        rollup = "00400000-7fff00000000 ---p 00000000 00:00 0 [rollup]\n"
        rollup += f"Rss:  {kilobytes} kB\nPss:  {pss} kB\nPss_Anon:  1 kB\n"
        (folder / "smaps_rollup").write_text(rollup)


def test_tree_memory_sums_a_process_and_all_its_descendants(tmp_path):
    process(tmp_path, 10, parent=1, kilobytes=100)
    process(tmp_path, 11, parent=10, kilobytes=200)
    process(tmp_path, 12, parent=11, kilobytes=300)
    process(tmp_path, 13, parent=10, kilobytes=400)
    process(tmp_path, 20, parent=1, kilobytes=999)

    memory = tree_memory(10, proc=tmp_path)

    assert memory == Memory(processes=4, kilobytes=1000)


def test_tree_memory_leaves_out_a_process_without_resident_memory(tmp_path):
    process(tmp_path, 10, parent=1, kilobytes=100)
    process(tmp_path, 11, parent=10, name="zombie")

    memory = tree_memory(10, proc=tmp_path)

    assert memory == Memory(processes=1, kilobytes=100)


def test_tree_memory_ignores_what_is_not_a_process(tmp_path):
    process(tmp_path, 10, parent=1, kilobytes=100)
    (tmp_path / "self").mkdir()

    memory = tree_memory(10, proc=tmp_path)

    assert memory == Memory(processes=1, kilobytes=100)


def test_tree_memory_sums_the_proportional_set_sizes_too(tmp_path):
    process(tmp_path, 10, parent=1, kilobytes=100, pss=40)
    process(tmp_path, 11, parent=10, kilobytes=200, pss=60)

    memory = tree_memory(10, proc=tmp_path)

    assert memory == Memory(processes=2, kilobytes=300, proportional_kilobytes=100)


def test_tree_memory_has_no_pss_sum_if_one_process_lacks_it(tmp_path):
    process(tmp_path, 10, parent=1, kilobytes=100, pss=40)
    process(tmp_path, 11, parent=10, kilobytes=200)

    memory = tree_memory(10, proc=tmp_path)

    assert memory == Memory(processes=2, kilobytes=300, proportional_kilobytes=None)


def test_tree_memory_adds_the_other_processes_named(tmp_path):
    process(tmp_path, 10, parent=1, kilobytes=100, pss=40)
    process(tmp_path, 30, parent=1, kilobytes=7, pss=5)

    memory = tree_memory(10, also=[30], proc=tmp_path)

    assert memory == Memory(processes=2, kilobytes=107, proportional_kilobytes=45)


def test_tree_memory_is_unknown_without_proc(tmp_path):
    memory = tree_memory(10, proc=tmp_path / "no-proc")

    assert memory is None


def test_parent_of_reads_past_a_name_with_spaces_and_parentheses():
    stat = "42 (make (run) 2) S 7 42 42 0 -1"

    parent = parent_of(stat)

    assert parent == 7


def test_memory_is_told_in_megabytes_of_1024_kilobytes():
    memory = Memory(processes=2, kilobytes=3072, proportional_kilobytes=2048)

    assert (memory.megabytes, memory.proportional_megabytes) == (3, 2)


@pytest.mark.skipif(sys.platform != "linux", reason="only Linux has /proc")
def test_tree_memory_finds_this_process_in_the_real_proc():
    memory = tree_memory(os.getpid())

    assert memory is not None
    assert memory.proportional_kilobytes is not None
    assert memory.processes >= 1
    assert memory.kilobytes > 0
