"""Print the SQL one request to the public API runs, in any checkout of the repo.

Usage: `python tools/query_log.py [--repo PATH] [PATH_AND_QUERY]`, for example
`python tools/query_log.py --repo ../stage-0 "/api/orders/?page_size=3"`.
It migrates a throw-away database in that checkout, loads the demo data,
sends the request in-process and prints every query with the count. Chapter 1
uses it to show the join that stage 0 ran beside the lookups stage 1 runs.
"""

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

# Runs inside the checkout's `manage.py shell`, with that checkout's code.
SHELL_CODE = """
import sqlparse
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

with CaptureQueriesContext(connection) as queries:
    response = Client(SERVER_NAME="localhost").get({path!r})
print(f"GET {path} -> {{response.status_code}}, {{len(queries)}} queries")
for number, query in enumerate(queries, start=1):
    sql = sqlparse.format(query["sql"], reindent=True, keyword_case="upper")
    print(f"\\n-- {{number}}\\n{{sql}}")
"""


def manage(repo: Path, env: dict[str, str], *args: str) -> str:
    """Run one manage.py command in the checkout and return what it printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def query_log(repo: Path, path: str) -> str:
    """Return the query log of one GET request against the checkout's demo data."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_PATH": str(Path(tmp) / "db.sqlite3")}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        manage(repo, env, "migrate", "--noinput")
        manage(repo, env, "seed_demo")
        code = SHELL_CODE.format(path=path)
        return manage(repo, env, "shell", "--no-imports", "-c", code)


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command line, print the query log, and return the exit status."""
    parser = argparse.ArgumentParser(prog="query_log.py", description=__doc__)
    parser.add_argument("path", nargs="?", default="/api/orders/?page_size=3")
    parser.add_argument("--repo", type=Path, default=Path(), help="a checkout")
    args = parser.parse_args(argv)
    try:
        print(query_log(args.repo, args.path), end="")
    except subprocess.CalledProcessError as error:
        print(f"query_log.py: {error.cmd} failed:\n{error.stderr}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
