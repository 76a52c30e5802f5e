"""The users service's Celery app: its worker relays the outbox (users/tasks.py).

Start it with `make run-users-worker`. See docs/04-celery-sync.md.
"""

import os

from chassis.celery import celery_app

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = celery_app(name="users")
