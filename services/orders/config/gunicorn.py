"""How gunicorn serves the orders service, for `make run` and the tests alike.

`gunicorn -c services/orders/config/gunicorn.py --bind 127.0.0.1:8002`, from
any directory. See docs/03-orders-service.md, "Processes".
"""

from pathlib import Path

from chassis.gunicorn import *  # noqa: F403

SERVICE_DIR = Path(__file__).resolve().parents[1]

wsgi_app = "config.wsgi:application"
chdir = str(SERVICE_DIR)
pythonpath = str(SERVICE_DIR)
