"""What a lab's checks need to look at an attendee's work tree from the outside.

A check receives a `LabTree`: it can run the tree's own `manage.py` with the
tree's own virtual environment, start the tree's stack on a database of its
choosing and talk to it over HTTP, read its SQLite files, and run a test
suite or a linter from this checkout against it.
"""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tools import stages

REPO_ROOT = Path(__file__).resolve().parents[1]
STARTUP_SECONDS = 60.0
# How a probe run in the tree marks the line that holds its report.
PROBE_MARK = "LAB-PROBE "


class CheckFailed(Exception):
    """A check did not pass; the message says what was seen."""


@dataclass(frozen=True)
class Check:
    """One thing a lab's checker verifies, and the hint shown when it fails."""

    name: str
    hint: str
    run: "Callable[[LabTree], None]"


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def http_get(url: str, *, timeout: float = 10.0) -> tuple[int, bytes]:
    """GET a URL and return its status and body, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def table_rows(database: Path, query: str) -> list[tuple[object, ...]]:
    """Run a read-only query against a SQLite file and return every row."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return connection.execute(query).fetchall()
    finally:
        connection.close()


@dataclass(frozen=True)
class LabTree:
    """An attendee's work tree: a checkout of this repository at some stage."""

    path: Path
    scratch: Path

    @property
    def python(self) -> Path:
        """Return the tree's own interpreter, built from its requirements.lock."""
        return self.path / ".venv" / "bin" / "python"

    def prepare(self) -> None:
        """Build the tree's virtual environment (quick when it is already there)."""
        result = subprocess.run(
            ["make", "--no-print-directory", "venv", f"PYTHON={sys.executable}"],
            cwd=self.path,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CheckFailed(f"make venv failed in {self.path}:\n{result.stderr}")

    def env(self, database: Path) -> dict[str, str]:
        """Return an environment that points the tree's settings at a database."""
        env = {**os.environ, "DATABASE_PATH": str(database), "PYTHONUNBUFFERED": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        return env

    def manage(
        self, database: Path, *args: str, extra: dict[str, str] | None = None
    ) -> str:
        """Run the tree's manage.py against a database; fail the check on error."""
        result = subprocess.run(
            [str(self.python), "manage.py", *args],
            cwd=self.path,
            env={**self.env(database), **(extra or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            output = (result.stdout + result.stderr).strip()[-2000:]
            raise CheckFailed(f"manage.py {' '.join(args)} failed:\n{output}")
        return result.stdout

    def probe(self, database: Path, script: Path, **values: object) -> object:
        """Run a probe script inside the tree's Django project; return its report.

        The script runs in `manage.py shell`, so in the tree's own settings and
        apps registry. It reads `values` as JSON from the environment variable
        LAB_PROBE and prints its report as JSON on a line starting PROBE_MARK.
        """
        output = self.manage(
            database,
            *("shell", "-c", f"import runpy; runpy.run_path({str(script)!r})"),
            extra={"LAB_PROBE": json.dumps(values)},
        )
        reports = [
            line.removeprefix(PROBE_MARK)
            for line in output.splitlines()
            if line.startswith(PROBE_MARK)
        ]
        if not reports:
            raise CheckFailed(f"{script.name} reported nothing:\n{output[-1000:]}")
        return json.loads(reports[-1])

    @contextmanager
    def stack(self, database: Path) -> Iterator[str]:
        """Migrate the database, serve the tree on it, and yield the base URL."""
        self.manage(database, "migrate", "--noinput")
        url = f"http://127.0.0.1:{free_port()}"
        log_path = database.with_suffix(".log")
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(self.python), "manage.py", "runserver", url[7:], "--noreload"],
                cwd=self.path,
                env=self.env(database),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            self._wait_until_serving(url, process, log_path)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=10)

    def _wait_until_serving(
        self, url: str, process: subprocess.Popen[bytes], log_path: Path
    ) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise CheckFailed(f"the server exited:\n{log_path.read_text()[-2000:]}")
            try:
                http_get(f"{url}/api/users/", timeout=1.0)
            except OSError:
                time.sleep(0.2)
            else:
                return
        raise CheckFailed(f"the server did not answer:\n{log_path.read_text()[-2000:]}")

    def copy_code(self, target: Path, *, packages: list[str]) -> Path:
        """Copy the tree's packages, without tests or migrations, for static checks."""
        ignore = shutil.ignore_patterns("__pycache__", "tests", "migrations")
        for package in packages:
            if (self.path / package).is_dir():
                shutil.copytree(self.path / package, target / package, ignore=ignore)
        return target


def run_tool(
    args: list[str],
    *,
    env: dict[str, str] | None = None,
    quote: Callable[[str], str] = str.strip,
) -> str:
    """Run a tool from this checkout's environment; fail the check quoting its output.

    `quote` picks the part of the output that names the problem.
    """
    result = subprocess.run(
        args,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        output = quote(result.stdout + result.stderr).strip()
        raise CheckFailed(output[-3000:])
    return result.stdout


def tool(name: str) -> str:
    """Return the path of a command installed in this checkout's environment."""
    return str(Path(sys.executable).with_name(name))


def git_export(ref: str, paths: list[str], target: Path) -> Path:
    """Write the files under paths, as they are at ref in this repository, to target."""
    target.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "archive", stage_commit(ref), *paths],
        capture_output=True,
        check=True,
    )
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def stage_commit(tag: str) -> str:
    """Return the tag, or the commit its Stage trailer marks before `make tags`."""
    tagged = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--verify", "--quiet", tag],
        capture_output=True,
        check=False,
    )
    if tagged.returncode == 0:
        return tag
    marked = stages.newest_per_stage(stages.read_markers(REPO_ROOT))
    return next((stage.sha for stage in marked if stage.tag == tag), tag)


def stage_or_head(tag: str) -> str:
    """Return the commit of a stage's tag or marker; HEAD for a stage being written.

    A lab is written in the stage it reaches, before that stage's marker:
    until then, what the stage will hold is this checkout's HEAD.
    """
    commit = stage_commit(tag)
    known = subprocess.run(
        ["git", "-C", str(REPO_ROOT), "rev-parse", "--verify", "--quiet", commit],
        capture_output=True,
        check=False,
    )
    return commit if known.returncode == 0 else "HEAD"
