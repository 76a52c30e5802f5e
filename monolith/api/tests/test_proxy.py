"""Tests of the users proxy's connections to the users service.

What the proxy forwards is tested end to end, against a real users service,
in tests/public_api and tests/e2e.
"""

import time
from http import HTTPStatus

from api.proxy import users_service
from shared.http import CLIENT_KEEPALIVE_SECONDS
from shared.testing import keep_alive_server


def test_the_proxy_opens_a_new_connection_after_the_client_keepalive(
    api_client, settings
):
    with keep_alive_server() as server:
        settings.USERS_SERVICE_URL = server.url
        first = api_client.get("/api/users/7/")
        time.sleep(CLIENT_KEEPALIVE_SECONDS + 0.2)
        second = api_client.get("/api/users/7/")
        users_service(server.url, settings.USERS_SERVICE_TIMEOUT).close()

    assert (first.status_code, second.status_code) == (HTTPStatus.OK, HTTPStatus.OK)
    assert (server.requests, server.connections) == (2, 2)
