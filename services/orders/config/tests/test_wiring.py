"""The orders service's wiring: the replica, users over HTTP, and users' events.

These tests use the real settings, as `make run` does, but start no users
service: what needs one runs in tests/ against real processes.
"""

import importlib

import pytest

from config import settings as config_settings
from config.celery import app
from config.clients import (
    http_users_client,
    replica_users_client,
    users_changes_feed,
)
from orders.checks import check_users_client
from orders.replica import ReplicaUsersClient
from shared.events import USER_CHANGED_TASK
from shared.users.feed import HttpChangesFeed
from shared.users.http import HttpUsersClient

pytestmark = pytest.mark.django_db


def test_orders_gets_the_http_client_of_the_users_service(settings):
    settings.USERS_SERVICE_URL = "http://users.test:8001"

    client = http_users_client()

    assert isinstance(client, HttpUsersClient)
    assert client.base_url == "http://users.test:8001"


def test_the_http_client_keeps_to_the_budget_the_settings_give(settings):
    settings.USERS_SERVICE_DEADLINE = 1.5
    settings.USERS_SERVICE_ATTEMPTS = 4
    settings.USERS_BREAKER_FAILURES = 6
    settings.USERS_BREAKER_RESET_SECONDS = 20.0

    client = http_users_client()

    assert (client.deadline, client.attempts) == (1.5, 4)
    assert client.breaker is not None
    assert (client.breaker.fail_max, client.breaker.reset_timeout) == (6, 20.0)


def test_the_settings_choose_the_replica_unless_told_otherwise(settings, monkeypatch):
    monkeypatch.delenv("USERS_CLIENT", raising=False)
    chosen = importlib.reload(config_settings).USERS_CLIENT
    settings.USERS_CLIENT = chosen

    assert chosen == "config.clients.replica_users_client"
    assert check_users_client(None) == []


def test_the_replica_looks_up_new_users_in_the_users_service(settings, monkeypatch):
    monkeypatch.delenv("USERS_LOOKUP_CLIENT", raising=False)
    settings.USERS_LOOKUP_CLIENT = importlib.reload(config_settings).USERS_LOOKUP_CLIENT

    client = replica_users_client()

    assert isinstance(client, ReplicaUsersClient)
    assert isinstance(client.lookup, HttpUsersClient)


def test_reconciliation_reads_the_users_services_feed_with_the_secret(settings):
    settings.USERS_SERVICE_URL = "http://users.test:8001"

    feed = users_changes_feed()

    assert isinstance(feed, HttpChangesFeed)
    assert feed.base_url == "http://users.test:8001"


def test_the_worker_registers_a_task_under_the_name_users_sends_events_by():
    app.loader.import_default_modules()

    assert USER_CHANGED_TASK in app.tasks
