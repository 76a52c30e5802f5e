"""Tests of the helpers that read settings from the environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from chassis.env import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_secret,
)

NAME = "CHASSIS_TEST_SETTING"
CHOICES = ("state", "notify", "off")


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


def test_env_secret_reads_the_value_when_set(monkeypatch):
    monkeypatch.setenv(NAME, "s3cret")

    assert env_secret(NAME, debug=False, development="dev") == "s3cret"


def test_env_secret_falls_back_to_a_marked_value_in_development(monkeypatch):
    monkeypatch.delenv(NAME, raising=False)

    assert env_secret(NAME, debug=True, development="dev") == "dev-do-not-deploy"


def test_env_secret_is_required_outside_development(monkeypatch):
    monkeypatch.setenv(NAME, "")

    with pytest.raises(ImproperlyConfigured, match=f"{NAME} must be set"):
        env_secret(NAME, debug=False, development="dev")


def test_env_float_reads_seconds(monkeypatch):
    monkeypatch.setenv(NAME, "0.5")

    assert env_float(NAME, default=2.0) == 0.5


@pytest.mark.parametrize("raw", ["0", "-1", "abc", "inf", "nan"])
def test_env_float_refuses_what_is_not_a_positive_number(monkeypatch, raw):
    monkeypatch.setenv(NAME, raw)

    with pytest.raises(ImproperlyConfigured, match=NAME):
        env_float(NAME, default=2.0)


def test_env_int_reads_a_whole_number(monkeypatch):
    monkeypatch.setenv("ATTEMPTS", "4")

    assert env_int("ATTEMPTS", default=3) == 4


def test_env_int_returns_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("ATTEMPTS", raising=False)

    assert env_int("ATTEMPTS", default=3) == 3


@pytest.mark.parametrize("raw", ["0", "-1", "2.5", "many"])
def test_env_int_refuses_anything_but_a_whole_number_above_zero(monkeypatch, raw):
    monkeypatch.setenv("ATTEMPTS", raw)

    with pytest.raises(ImproperlyConfigured, match="ATTEMPTS must be a whole number"):
        env_int("ATTEMPTS", default=3)


def test_env_choice_reads_one_of_the_choices(monkeypatch):
    monkeypatch.setenv("USER_EVENTS", "notify")

    assert env_choice("USER_EVENTS", choices=CHOICES, default="state") == "notify"


def test_env_choice_returns_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("USER_EVENTS", raising=False)

    assert env_choice("USER_EVENTS", choices=CHOICES, default="state") == "state"


def test_env_choice_treats_an_empty_value_as_unset(monkeypatch):
    monkeypatch.setenv("USER_EVENTS", "")

    assert env_choice("USER_EVENTS", choices=CHOICES, default="state") == "state"


@pytest.mark.parametrize("raw", ["push", "State", " state"])
def test_env_choice_refuses_a_value_not_listed_naming_the_choices(monkeypatch, raw):
    monkeypatch.setenv("USER_EVENTS", raw)

    with pytest.raises(
        ImproperlyConfigured,
        match=f"USER_EVENTS must be one of state, notify, off, not {raw!r}",
    ):
        env_choice("USER_EVENTS", choices=CHOICES, default="state")
