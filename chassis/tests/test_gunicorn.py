"""Tests of the gunicorn settings every project here is served with."""

from chassis import gunicorn
from shared.http import CLIENT_KEEPALIVE_SECONDS, SERVER_KEEPALIVE_SECONDS


def test_servers_keep_idle_connections_longer_than_the_clients_in_shared_do():
    assert gunicorn.keepalive == SERVER_KEEPALIVE_SECONDS
    assert gunicorn.keepalive > CLIENT_KEEPALIVE_SECONDS
