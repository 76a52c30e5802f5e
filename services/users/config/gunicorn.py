"""How gunicorn serves the users service, for `make run` and the tests alike.

`gunicorn -c services/users/config/gunicorn.py --bind 127.0.0.1:8001`, from
any directory. See docs/02-users-service.md, "Processes".
"""

from pathlib import Path

from chassis.gunicorn import *  # noqa: F403

SERVICE_DIR = Path(__file__).resolve().parents[1]

wsgi_app = "config.wsgi:application"
chdir = str(SERVICE_DIR)
pythonpath = str(SERVICE_DIR)
