#!/usr/bin/env python
"""Run Django commands for the monolith (later the edge) from the repository root."""

import os
import sys
from pathlib import Path

MONOLITH_DIR = Path(__file__).resolve().parent / "monolith"


def main() -> None:
    """Put the monolith's packages on the path and hand over to Django."""
    sys.path.insert(0, str(MONOLITH_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
