"""Tests of the Makefile's promises to a newcomer, read from `make -n` dry runs."""

import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def without_port(environ: Mapping[str, str]) -> dict[str, str]:
    """Return the environment without a PORT the caller may have set."""
    return {name: value for name, value in environ.items() if name != "PORT"}


def dry_run(*args: str, env: dict[str, str] | None = None) -> str:
    """Return the commands make would run, without running them."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=REPO_ROOT,
        env={**without_port(os.environ), **(env or {})},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [(["run", "PORT=8010"], {}), (["run"], {"PORT": "8010"})],
    ids=["make-variable", "environment"],
)
def test_run_serves_on_the_port_given_either_way(args, env):
    commands = dry_run(*args, env=env)

    assert "EDGE_PORT=8010 " in commands
    assert ":8000" not in commands


@pytest.mark.parametrize(
    ("port", "paths"),
    [
        (8000, ["/api/", "/api/docs/", "/api/redoc/", "/api/schema/"]),
        (8001, ["/api/", "/api/docs/", "/api/redoc/", "/api/schema/", "/admin/"]),
        (8002, ["/api/", "/api/docs/", "/api/redoc/", "/api/schema/", "/admin/"]),
    ],
    ids=["edge", "users-service", "orders-service"],
)
def test_run_prints_every_url_the_readme_lists(port, paths):
    commands = dry_run("run")

    for path in paths:
        assert f"http://127.0.0.1:{port}{path}" in commands


def test_run_moves_the_monoliths_orders_before_serving():
    commands = dry_run("run").splitlines()

    migrating = commands.index(
        ".venv/bin/python services/orders/manage.py migrate --noinput"
    )
    moving = commands.index(
        ".venv/bin/python services/orders/manage.py orders_move_from_monolith"
    )
    serving = next(i for i, line in enumerate(commands) if "-m tools.run" in line)
    assert migrating < moving < serving


def test_run_moves_the_monoliths_users_before_serving():
    commands = dry_run("run").splitlines()

    moving = commands.index(
        ".venv/bin/python services/users/manage.py users_move_from_monolith"
    )
    seeding = commands.index(".venv/bin/python services/users/manage.py seed_demo")
    serving = next(i for i, line in enumerate(commands) if "-m tools.run" in line)
    assert moving < seeding < serving


def test_run_checks_redis_before_preparing_any_database():
    commands = dry_run("run").splitlines()

    checking = commands.index(".venv/bin/python -m tools.redis check")
    migrating = commands.index(
        ".venv/bin/python services/users/manage.py migrate --noinput"
    )
    assert checking < migrating


def test_reset_data_deletes_the_databases_and_nothing_else():
    commands = dry_run("reset-data")

    assert commands.strip() == "rm -f var/*.sqlite3*"


BENCH_FLAGS = ["--rounds", "--seconds", "--clients"]


def test_bench_passes_rounds_seconds_and_clients_on():
    commands = dry_run("bench", "ROUNDS=3", "SECONDS=1", "CLIENTS=2").split()

    flags = [commands[commands.index(flag) + 1] for flag in BENCH_FLAGS]
    assert flags == ["3", "1", "2"]


SYNC_FLAGS = ["--compare", "--sync-rounds", "--sync-seconds", "--pull-seconds"]


def test_bench_passes_the_sync_part_on():
    arguments = ["SYNC_ROUNDS=1", "SYNC_SECONDS=0.5", "PULL_SECONDS=2"]

    commands = dry_run("bench", *arguments).split()

    flags = [commands[commands.index(flag) + 1] for flag in SYNC_FLAGS]
    assert flags == ["stage-3-orders-service", "1", "0.5", "2"]


def test_bench_leaves_the_naive_client_out_unless_asked():
    commands = [dry_run("bench").split(), dry_run("bench", "NAIVE=1").split()]

    assert ["--naive" in each for each in commands] == [False, True]


def test_bench_ignores_a_seconds_count_from_the_shell():
    commands = dry_run("bench", env={"SECONDS": "4711"}).split()

    assert commands[commands.index("--seconds") + 1] == "2"


def help_lines(*args: str) -> dict[str, str]:
    """Return `make help`'s description of each target, by target name."""
    result = subprocess.run(
        ["make", "--no-print-directory", "help", *args],
        cwd=REPO_ROOT,
        env=without_port(os.environ),
        capture_output=True,
        text=True,
        check=True,
    )
    lines = (line.split(maxsplit=2)[1:] for line in result.stdout.splitlines())
    return {target: description for target, description in lines}


@pytest.mark.parametrize(
    ("target", "ports"),
    [
        ("run", {"8010", "8011", "8012"}),
        ("run-edge", {"8010"}),
        ("run-users", {"8011"}),
        ("run-orders", {"8012"}),
    ],
)
def test_help_names_the_ports_given(target, ports):
    description = help_lines("PORT=8010", "USERS_PORT=8011", "ORDERS_PORT=8012")[target]

    assert set(re.findall(r"\b\d{4}\b", description)) == ports
