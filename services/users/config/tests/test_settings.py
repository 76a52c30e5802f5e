"""Tests of what the users service's settings read from the environment."""

import os
import subprocess
import sys

from config.settings import BASE_DIR


def subscribers_read_from(**env: str) -> str:
    """Print EVENT_SUBSCRIBERS as a fresh interpreter reads it, with only `env` set."""
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s; print(s.EVENT_SUBSCRIBERS)",
        ],
        cwd=BASE_DIR,
        env={"PATH": os.environ.get("PATH", ""), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_settings_name_no_subscriber_unless_the_deployment_does():
    assert subscribers_read_from() == "[]"


def test_settings_read_the_subscribers_the_deployment_names():
    subscribers = subscribers_read_from(
        EVENT_SUBSCRIBERS="http://a.example/events/, http://b.example/events/"
    )

    assert subscribers == "['http://a.example/events/', 'http://b.example/events/']"
