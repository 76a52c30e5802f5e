#!/usr/bin/env python
"""Run Django commands for the orders service: `services/orders/manage.py <command>`."""

import os
import sys


def main() -> None:
    """Hand over to Django; `chassis` and `shared` are installed (make venv)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
