"""The users service's project package; its Celery app is loaded with it.

Loading the app here makes it the one the tasks of `users/tasks.py` are
sent through, in the web process as in the worker.
"""

from config.celery import app as celery_app

__all__ = ["celery_app"]
