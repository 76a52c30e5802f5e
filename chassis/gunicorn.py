"""The gunicorn settings every Django project here is served with.

A project's gunicorn config starts with `from chassis.gunicorn import *` and
names its WSGI app and path. Threads, not just processes: a request that
waits on another service must not hold up the others. The listen backlog is
gunicorn's 2048, where Django's runserver has 10 and resets connections
beyond it.
"""

import os

worker_class = "gthread"
# WEB_CONCURRENCY, gunicorn's usual variable, changes the number of processes.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = 8
# Longer than any call to another service may take, shorter than a client's
# patience; a worker stuck longer than this is restarted.
timeout = 30
graceful_timeout = 5
# Seconds an idle kept-alive connection stays open (gunicorn's default, made
# explicit): the clients between this project's processes give theirs up
# sooner (shared/http.py).
keepalive = 2
# No limit of gunicorn's on the request line: its own would answer a long URL
# with an HTML 414. Django still refuses more than 1,000 query parameters,
# in JSON (DATA_UPLOAD_MAX_NUMBER_FIELDS).
limit_request_line = 0
# No control socket: it lives at one path in the home folder, which the
# second server of the stack would fight the first over.
control_socket_disable = True
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
# `make run` sets GUNICORN_RELOAD=true: restart on code changes, as runserver did.
reload = os.environ.get("GUNICORN_RELOAD", "").lower() == "true"
