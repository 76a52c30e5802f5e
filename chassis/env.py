"""Reading settings from the environment: the helpers every project's settings use.

An empty value counts as unset, as an empty line in an env file means.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, *, default: bool) -> bool:
    """Read a yes/no environment variable, refusing values that are neither."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_list(name: str, *, default: str) -> list[str]:
    """Read a comma-separated environment variable."""
    items = (item.strip() for item in os.environ.get(name, default).split(","))
    return [item for item in items if item]


def env_secret(name: str, *, debug: bool, development: str) -> str:
    """Read a secret; in development fall back to a harmless value, else require it."""
    value = os.environ.get(name, "")
    if value:
        return value
    if not debug:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_DEBUG is false.")
    return f"{development}-do-not-deploy"


def env_float(name: str, *, default: float) -> float:
    """Read a positive number of seconds, refusing anything else."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value < float("inf"):
        raise ImproperlyConfigured(f"{name} must be a positive number, not {raw!r}.")
    return value


def env_int(name: str, *, default: int) -> int:
    """Read a positive whole number, refusing anything else."""
    raw = os.environ.get(name, "")
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ImproperlyConfigured(
            f"{name} must be a whole number above 0, not {raw!r}."
        )
    return value


def env_choice(name: str, *, choices: tuple[str, ...], default: str) -> str:
    """Read one of a few named values, refusing anything else."""
    value = os.environ.get(name, "") or default
    if value not in choices:
        listed = ", ".join(choices)
        raise ImproperlyConfigured(f"{name} must be one of {listed}, not {value!r}.")
    return value
