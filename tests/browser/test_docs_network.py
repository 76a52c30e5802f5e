"""Headless Chromium loads the docs pages: every request stays on this server.

Run with `make test-browser`; skipped where Chromium is not installed (on
Debian: `apt install chromium`). Chromium writes a NetLog of every request
it starts; the requests the page itself starts are those whose initiator is
the page's origin, and all of them must go to that origin too.
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags that keep Chromium's own background traffic out of the way.
QUIET_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# What each page shows once its JavaScript has rendered the schema.
RENDERED_TEXT = {"/api/docs/": "opblock-summary-path", "/api/redoc/": "Place an order"}


def origin(url: str) -> str:
    """Return scheme://host:port of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def load_in_chromium(url: str, tmp_path: Path) -> tuple[list[str], str]:
    """Load url, let its scripts run, and return the page's requests and its DOM."""
    net_log = tmp_path / "net-log.json"
    result = subprocess.run(
        [
            str(CHROMIUM),
            *QUIET_FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--log-net-log={net_log}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    log = json.loads(net_log.read_text())
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = [
        event["params"]["url"]
        for event in log["events"]
        if event["type"] == start_job
        and event.get("params", {}).get("initiator") == origin(url)
    ]
    return requests, result.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("path", list(RENDERED_TEXT))
def test_docs_page_renders_without_asking_another_host(base_url, tmp_path, path):
    requests, dom = load_in_chromium(f"{base_url}{path}", tmp_path)

    assert RENDERED_TEXT[path] in dom
    assert f"{base_url}/api/schema/" in requests
    assert [url for url in requests if origin(url) != base_url] == []
