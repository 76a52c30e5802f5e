"""Tests of the gunicorn settings every project here is served with."""

from chassis import gunicorn
from shared.http import CLIENT_KEEPALIVE_SECONDS


def test_servers_keep_idle_connections_twice_as_long_as_the_clients_do():
    assert gunicorn.keepalive >= 2 * CLIENT_KEEPALIVE_SECONDS
