"""The orders service's Celery app: its worker applies users' events and reconciles.

Start it with `make run-orders-worker`. See docs/04-celery-sync.md.
"""

import os

from chassis.celery import celery_app

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = celery_app(name="orders")
