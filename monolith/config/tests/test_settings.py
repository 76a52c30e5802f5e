"""Tests of the settings helpers and of the checks settings make on import."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import BASE_DIR, env_bool, env_list

NAME = "MONOLITH_TEST_SETTING"


@pytest.mark.parametrize("raw", ["1", "true", "True", "YES", "yes", "on"])
def test_env_bool_reads_true_spellings(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    value = env_bool(NAME, default=False)

    assert value is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "NO", "no", "off"])
def test_env_bool_reads_false_spellings(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    value = env_bool(NAME, default=True)

    assert value is False


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_returns_the_default_when_unset(monkeypatch, default):
    monkeypatch.delenv(NAME, raising=False)

    value = env_bool(NAME, default=default)

    assert value is default


@pytest.mark.parametrize("default", [True, False])
def test_env_bool_treats_an_empty_value_as_unset(monkeypatch, default):
    monkeypatch.setenv(NAME, "")

    value = env_bool(NAME, default=default)

    assert value is default


@pytest.mark.parametrize("raw", ["maybe", "2", "t"])
def test_env_bool_refuses_a_value_that_is_neither(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_bool(NAME, default=True)


def test_env_list_strips_items_and_drops_blank_ones(monkeypatch):
    monkeypatch.setenv(NAME, " a.example , b.example,, ,c.example,")

    items = env_list(NAME, default="")

    assert items == ["a.example", "b.example", "c.example"]


def test_env_list_reads_the_default_when_unset(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)

    items = env_list(NAME, default="127.0.0.1, localhost")

    assert items == ["127.0.0.1", "localhost"]


def test_env_list_of_only_blanks_is_empty(monkeypatch):
    monkeypatch.setenv(NAME, " , ,")

    items = env_list(NAME, default="ignored")

    assert items == []


def import_settings(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter with only PATH and `env` set."""
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_without_debug_refuse_to_load_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_settings_without_debug_load_with_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="a-real-secret")

    assert result.returncode == 0, result.stderr
