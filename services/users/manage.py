#!/usr/bin/env python
"""Run Django commands for the users service: `services/users/manage.py <command>`."""

import os
import sys
from pathlib import Path

SERVICE_DIR = Path(__file__).resolve().parent
REPO_DIR = SERVICE_DIR.parent.parent


def main() -> None:
    """Put the service and the shared packages on the path, then hand over to Django."""
    sys.path[:0] = [str(SERVICE_DIR), str(REPO_DIR)]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
