"""Helpers for the projects' own tests of their settings.

A settings module reads the environment when it is imported, so a test of
what it reads imports it in a fresh interpreter with only the variables
the test gives.
"""

import os
import subprocess
import sys
from pathlib import Path


def setting_read_from(expression: str, *, project: Path, **env: str) -> str:
    """Return `expression` of `config.settings as s`, read by a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", f"import config.settings as s; print({expression})"],
        cwd=project,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()
