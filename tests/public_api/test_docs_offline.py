"""Public API: the docs pages cannot make the browser contact another host.

Each page is sent with a Content-Security-Policy that allows only this
server (and data:/blob: URLs, which are not requests). The browser enforces
it, so whatever the Swagger UI and ReDoc bundles contain, nothing leaves for
a CDN. `make test-browser` watches a real browser do this.
"""

import re
from http import HTTPStatus
from urllib.parse import urljoin

import pytest

DOC_PAGES = ["/api/docs/", "/api/redoc/"]
SCRIPT_SOURCE = re.compile(r"""<script\b[^>]*\bsrc\s*=\s*["']([^"']*)["']""")
ICON = re.compile(r"""<link\b[^>]*\brel=["']icon["'][^>]*\bhref=["']([^"']*)["']""")
ABSOLUTE_URL = re.compile(r"""https?://[^\s"'`)\\<>]+""")
# Sources that name no other host.
LOCAL_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}
# Which directive governs a URL, by what it points at.
DIRECTIVE_BY_EXTENSION = {
    "svg": "img-src",
    "png": "img-src",
    "gif": "img-src",
    "jpg": "img-src",
    "ico": "img-src",
    "css": "style-src",
    "js": "script-src",
    "woff": "font-src",
    "woff2": "font-src",
    "ttf": "font-src",
}


def parse_policy(header: str) -> dict[str, list[str]]:
    """Split a Content-Security-Policy header into its directives."""
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


def sources_for(policy: dict[str, list[str]], directive: str) -> list[str]:
    """Return the sources a directive allows, falling back to default-src."""
    return policy.get(directive, policy["default-src"])


def governing_directive(url: str) -> str:
    """Return the CSP directive that would decide whether url may be fetched."""
    extension = url.split("?")[0].rsplit(".", 1)[-1].lower()
    return DIRECTIVE_BY_EXTENSION.get(extension, "connect-src")


@pytest.fixture(params=DOC_PAGES)
def page(request, api):
    """Return the response of one docs page."""
    return api.get(request.param)


def test_docs_page_sends_a_content_security_policy(page):
    policy = parse_policy(page.headers["content-security-policy"])

    assert policy["default-src"] == ["'self'"]


def test_docs_page_policy_names_no_other_host(page):
    policy = parse_policy(page.headers["content-security-policy"])

    foreign = {
        name: [source for source in sources if source not in LOCAL_SOURCES]
        for name, sources in policy.items()
    }
    assert {name: found for name, found in foreign.items() if found} == {}


def test_every_url_the_docs_bundles_could_fetch_is_blocked(api, page):
    policy = parse_policy(page.headers["content-security-policy"])
    scripts = [urljoin(str(page.url), src) for src in SCRIPT_SOURCE.findall(page.text)]
    bundles = [api.get(script).text for script in scripts]
    found = {url for bundle in bundles for url in ABSOLUTE_URL.findall(bundle)}

    allowed = {
        url: directive
        for url in found
        if set(sources_for(policy, directive := governing_directive(url)))
        - LOCAL_SOURCES
    }

    assert found, "the bundles name no URL at all; is the scan still working?"
    assert allowed == {}


def test_docs_page_names_an_icon_served_here(api, page):
    icons = ICON.findall(page.text)

    assert icons, page.text[:500]
    assert all(api.get(icon).status_code == HTTPStatus.OK for icon in icons)


def test_favicon_ico_leads_to_an_icon_served_here(api):
    response = api.get("/favicon.ico", follow_redirects=True)

    assert response.status_code == HTTPStatus.OK
    assert response.headers["content-type"].startswith("image/")
