"""Project configuration of the orders service: settings, URLs, WSGI, clients, Celery.

Loading the Celery app here makes it the one the tasks of `orders/tasks.py`
belong to, in the web process as in the worker.
"""

from config.celery import app as celery_app

__all__ = ["celery_app"]
