"""How gunicorn serves the monolith, for `make run` and the tests alike.

Run from the repository root: `gunicorn -c monolith/config/gunicorn.py
--bind 127.0.0.1:8000`. See docs/02-users-service.md, "Processes".
"""

from pathlib import Path

from chassis.gunicorn import *  # noqa: F403

REPO_DIR = Path(__file__).resolve().parents[2]

wsgi_app = "config.wsgi:application"
pythonpath = str(REPO_DIR / "monolith")
