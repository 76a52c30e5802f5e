"""Tests of the users proxy: what it forwards, what it hands back, how it fails.

The services behind the route table are fakes over httpx.MockTransport
(fakes.py); tests/public_api and tests/e2e send the same requests to real ones.
"""

import logging
import time
from http import HTTPStatus

import httpx
import pytest
from django.core.exceptions import ImproperlyConfigured

from api.proxy import service_http
from shared.http import CLIENT_KEEPALIVE_SECONDS
from shared.testing import keep_alive_server


def test_the_proxy_forwards_the_method_path_and_query(api_client, upstream):
    api_client.patch("/api/users/7/?fields=name")

    (sent,) = upstream.received
    assert sent.method == "PATCH"
    assert sent.url == "http://users.internal:8001/api/users/7/?fields=name"


def test_the_proxy_forwards_the_body_as_it_came(api_client, upstream):
    api_client.post(
        "/api/users/", data=b'{"name": "Ann"}', content_type="application/json"
    )

    (sent,) = upstream.received
    assert sent.content == b'{"name": "Ann"}'
    assert sent.headers["Content-Type"] == "application/json"


def test_the_proxy_forwards_the_allowed_headers_only(api_client, upstream):
    api_client.get(
        "/api/users/",
        HTTP_ACCEPT_LANGUAGE="fr",
        HTTP_AUTHORIZATION="Bearer edge-token",
        HTTP_COOKIE="sessionid=edge-session",
    )

    (sent,) = upstream.received
    assert sent.headers["Accept-Language"] == "fr"
    assert "Authorization" not in sent.headers
    assert "Cookie" not in sent.headers


def test_the_proxy_forwards_the_conditional_headers(api_client, upstream):
    api_client.patch("/api/users/1/", {}, format="json", HTTP_IF_MATCH='"2"')
    api_client.get("/api/users/1/", HTTP_IF_NONE_MATCH='"2"')

    patched, read = upstream.received
    assert patched.headers["If-Match"] == '"2"'
    assert read.headers["If-None-Match"] == '"2"'


def test_the_proxy_forwards_the_idempotency_key_and_says_when_it_replayed(
    api_client, upstream
):
    upstream.response = httpx.Response(
        HTTPStatus.CREATED, json={"id": 8}, headers={"Idempotent-Replayed": "true"}
    )

    response = api_client.post(
        "/api/users/", {}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )

    (sent,) = upstream.received
    assert sent.headers["Idempotency-Key"] == "k-1"
    assert response["Idempotent-Replayed"] == "true"


def test_the_proxy_hands_back_a_304_with_its_etag_and_no_body(api_client, upstream):
    upstream.response = httpx.Response(HTTPStatus.NOT_MODIFIED, headers={"ETag": '"2"'})

    response = api_client.get("/api/users/1/", HTTP_IF_NONE_MATCH='"2"')

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["ETag"] == '"2"'
    assert response.content == b""
    assert "Content-Type" not in response


def test_the_proxy_names_the_host_the_client_used_for_the_links(api_client, upstream):
    api_client.get("/api/users/", HTTP_HOST="localhost:8000")

    (sent,) = upstream.received
    assert sent.headers["X-Forwarded-Host"] == "localhost:8000"


def test_the_proxy_says_where_the_client_was_in_x_forwarded_for(api_client, upstream):
    api_client.get("/api/users/", REMOTE_ADDR="198.51.100.4")

    (sent,) = upstream.received
    assert sent.headers["X-Forwarded-For"] == "198.51.100.4"


def test_the_proxy_appends_the_client_to_the_x_forwarded_for_it_was_sent(
    api_client, upstream
):
    api_client.get(
        "/api/users/",
        REMOTE_ADDR="198.51.100.4",
        HTTP_X_FORWARDED_FOR="203.0.113.7, 192.0.2.1",
    )

    (sent,) = upstream.received
    assert sent.headers["X-Forwarded-For"] == "203.0.113.7, 192.0.2.1, 198.51.100.4"


@pytest.mark.parametrize("secure", [False, True])
def test_the_proxy_names_the_clients_scheme_in_x_forwarded_proto(
    api_client, upstream, secure
):
    api_client.get("/api/users/", secure=secure)

    (sent,) = upstream.received
    assert sent.headers["X-Forwarded-Proto"] == ("https" if secure else "http")


def test_the_proxy_hands_back_the_status_body_and_links_of_the_service(
    api_client, upstream
):
    location = "http://localhost:8000/api/users/8/"
    upstream.response = httpx.Response(
        HTTPStatus.CREATED,
        json={"id": 8},
        headers={"Location": location, "Set-Cookie": "users=internal"},
    )

    response = api_client.post("/api/users/", {"name": "Bo"}, format="json")

    assert response.status_code == HTTPStatus.CREATED
    assert response.json() == {"id": 8}
    assert response["Location"] == location
    assert "Set-Cookie" not in response


def test_a_service_that_cannot_be_reached_is_a_503_with_retry_after(
    api_client, upstream
):
    upstream.failure = httpx.ConnectError

    response = api_client.get("/api/users/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"detail": "The users service cannot be reached."}
    assert response["Retry-After"] == "5"


def test_a_service_that_cannot_be_reached_is_logged_but_not_told_the_client(
    api_client, upstream, caplog
):
    upstream.failure = httpx.ConnectError

    response = api_client.get("/api/users/7/")

    assert b"users.internal" not in response.content
    assert b"ConnectError" not in response.content
    message = (
        "The users service did not answer GET "
        "http://users.internal:8001/api/users/7/: ConnectError: Simulated by the test."
    )
    assert ("api.answers", logging.WARNING, message) in caplog.record_tuples


def test_a_write_that_cannot_connect_is_a_503_with_retry_after(api_client, upstream):
    upstream.failure = httpx.ConnectError

    response = api_client.post("/api/users/", {"name": "Bo"}, format="json")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "5"


@pytest.mark.parametrize("failure", [httpx.ConnectTimeout, httpx.PoolTimeout])
def test_a_write_that_times_out_before_it_is_sent_is_a_503_with_retry_after(
    api_client, upstream, failure
):
    upstream.failure = failure

    response = api_client.post("/api/users/", {"name": "Bo"}, format="json")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "5"


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
@pytest.mark.parametrize("failure", [httpx.ReadTimeout, httpx.WriteTimeout])
def test_a_timed_out_write_is_a_504_saying_the_outcome_is_unknown(
    api_client, upstream, settings, method, failure
):
    timeout = settings.EDGE_DEADLINE
    upstream.failure = failure

    response = api_client.generic(method, "/api/users/7/", b"{}", "application/json")

    assert response.status_code == HTTPStatus.GATEWAY_TIMEOUT
    assert response.json() == {
        "detail": f"The users service did not answer within {timeout:g} s, "
        "so the change may or may not have been made. Read the resource "
        "to find out before trying again."
    }
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    "failure", [httpx.WriteError, httpx.ReadError, httpx.RemoteProtocolError]
)
def test_a_write_cut_off_once_sent_is_a_502_saying_the_outcome_is_unknown(
    api_client, upstream, failure
):
    upstream.failure = failure

    response = api_client.post("/api/users/", {"name": "Bo"}, format="json")

    assert response.status_code == HTTPStatus.BAD_GATEWAY
    assert response.json() == {
        "detail": "The connection to the users service broke before it answered, "
        "so the change may or may not have been made. Read the resource to "
        "find out before trying again."
    }
    assert "Retry-After" not in response


@pytest.mark.parametrize(
    ("failure", "status"),
    [
        (httpx.ReadTimeout, HTTPStatus.GATEWAY_TIMEOUT),
        (httpx.ReadError, HTTPStatus.BAD_GATEWAY),
    ],
)
def test_a_keyed_write_of_unknown_outcome_says_to_send_it_again_with_its_key(
    api_client, upstream, failure, status
):
    upstream.failure = failure

    response = api_client.post(
        "/api/users/", {"name": "Bo"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )

    assert response.status_code == status
    assert response.json()["detail"].endswith(
        "may or may not have been made. Sending it again with the same "
        "Idempotency-Key is safe: it is made once."
    )


def test_a_keyed_write_that_keys_do_not_cover_gets_the_usual_advice(
    api_client, upstream
):
    upstream.failure = httpx.ReadTimeout

    response = api_client.patch(
        "/api/users/7/", {"name": "Bo"}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
    )

    assert response.status_code == HTTPStatus.GATEWAY_TIMEOUT
    assert response.json()["detail"].endswith(
        "Read the resource to find out before trying again."
    )


def test_a_timed_out_read_is_a_503_with_retry_after(api_client, upstream, settings):
    timeout = settings.EDGE_DEADLINE
    upstream.failure = httpx.ReadTimeout

    response = api_client.get("/api/users/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {
        "detail": f"The users service did not answer within {timeout:g} s."
    }
    assert response["Retry-After"] == "5"


def test_the_proxy_opens_a_new_connection_after_the_client_keepalive(
    api_client, settings
):
    with keep_alive_server() as server:
        settings.EDGE_HTTP = "config.clients.service_http"
        settings.EDGE_ROUTES = {"/api/users": server.url}
        first = api_client.get("/api/users/7/")
        time.sleep(CLIENT_KEEPALIVE_SECONDS + 0.2)
        second = api_client.get("/api/users/7/")
        service_http("/api/users").close()

    assert (first.status_code, second.status_code) == (HTTPStatus.OK, HTTPStatus.OK)
    assert (server.requests, server.connections) == (2, 2)


def test_a_factory_that_builds_no_httpx_client_is_refused(settings):
    settings.EDGE_HTTP = "api.tests.fakes.not_a_client"

    with pytest.raises(ImproperlyConfigured, match="does not return an httpx"):
        service_http("/api/users")


def test_the_proxy_hands_back_an_error_page_the_service_negotiated(
    api_client, upstream
):
    page = b"<html><p>name: This field may not be blank.</p></html>"
    upstream.response = httpx.Response(
        HTTPStatus.BAD_REQUEST, content=page, headers={"Content-Type": "text/html"}
    )

    response = api_client.post("/api/users/", HTTP_ACCEPT="text/html")

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.content == page


def test_each_prefix_of_the_route_table_goes_to_its_own_service(
    api_client, upstream, orders_upstream
):
    api_client.get("/api/users/7/")
    api_client.post("/api/orders/3/confirm/")

    assert [str(sent.url) for sent in upstream.received] == [
        "http://users.internal:8001/api/users/7/"
    ]
    assert [str(sent.url) for sent in orders_upstream.received] == [
        "http://orders.internal:8002/api/orders/3/confirm/"
    ]


def test_an_unreachable_service_is_named_in_its_503(api_client, orders_upstream):
    orders_upstream.failure = httpx.ConnectError

    response = api_client.get("/api/orders/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"detail": "The orders service cannot be reached."}


def test_a_prefix_is_only_routed_as_a_whole_path_segment(api_client, upstream):
    response = api_client.get("/api/usersX/")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert upstream.received == []


@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.RemoteProtocolError])
def test_a_read_whose_connection_failed_is_sent_again(api_client, upstream, failure):
    upstream.failures = [failure, failure]

    response = api_client.get("/api/users/7/")

    assert response.status_code == HTTPStatus.OK
    assert len(upstream.received) == 3


def test_a_read_is_sent_no_more_than_edge_attempts_times(
    api_client, upstream, settings
):
    settings.EDGE_ATTEMPTS = 2
    upstream.failure = httpx.ConnectError

    response = api_client.get("/api/users/7/")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert len(upstream.received) == 2


def test_a_write_is_sent_once_whatever_failed(api_client, upstream):
    upstream.failures = [httpx.ConnectError]

    response = api_client.post("/api/users/", {"name": "Ann"}, format="json")

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert len(upstream.received) == 1


def test_a_read_that_timed_out_is_not_sent_again(api_client, upstream):
    upstream.failure = httpx.ReadTimeout

    api_client.get("/api/users/7/")

    assert len(upstream.received) == 1
