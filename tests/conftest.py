"""Start the public stack for the cross-project tests, or use one already running.

This is the only place that knows what "the stack" is at the current stage.
"""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
STARTUP_TIMEOUT_SECONDS = 30.0


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing is listening on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def stack_env(database_path: Path) -> dict[str, str]:
    """Return the test run's environment, plus the stack's own database."""
    env = dict(os.environ)
    # pytest-django exports the unit-test settings; the stack must start the way
    # `make run` starts it, with the settings its manage.py chooses.
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["DATABASE_PATH"] = str(database_path)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def manage(env: dict[str, str], *command: str) -> None:
    """Run a manage.py command for the stack, failing the session with its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"{command[0]} failed:\n{result.stdout}\n{result.stderr}")


def wait_until_serving(
    url: str, process: subprocess.Popen[bytes], log_path: Path
) -> None:
    """Poll the users list until the server answers; fail with its log otherwise."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = log_path.read_text()
            pytest.fail(f"server exited with {process.returncode}:\n{log}")
        try:
            httpx.get(f"{url}/api/users/", timeout=1.0)
        except httpx.TransportError:
            time.sleep(0.1)
        else:
            return
    pytest.fail(f"server did not answer within 30 s:\n{log_path.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate the server, and kill it if it has not stopped after ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def running_stack(tmp: Path, *, demo_data: bool = False) -> Iterator[str]:
    """Migrate a fresh database in tmp, serve the stack on it, and yield its URL."""
    env = stack_env(tmp / "db.sqlite3")
    manage(env, "migrate", "--noinput")
    if demo_data:
        manage(env, "seed_demo")
    url = f"http://127.0.0.1:{free_port()}"
    log_path = tmp / "server.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                url.removeprefix("http://"),
                "--noreload",
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(url, process, log_path)
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Return the public API's base URL, starting the stack unless one is given."""
    if given := os.environ.get("PUBLIC_API_URL"):
        yield given.rstrip("/")
        return
    with running_stack(tmp_path_factory.mktemp("stack")) as url:
        yield url
