"""Tests of the harness that starts the stack: a port it picks stays its own."""

import socket

import pytest

from tests.stack import free_port


def test_a_free_port_cannot_be_taken_before_its_server_starts():
    port = free_port()

    with (
        socket.socket() as other,
        pytest.raises(OSError, match="Address already in use"),
    ):
        other.bind(("127.0.0.1", port))


def test_a_free_port_refuses_connections_until_its_server_starts():
    port = free_port()

    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=1.0)
