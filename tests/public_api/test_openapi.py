"""Public API: the OpenAPI schema, and Swagger UI and ReDoc served without a CDN."""

import re
from http import HTTPStatus

import pytest

ID = r"\{[^/}]+\}"
OPERATIONS = [
    (r"/api/users/", "get"),
    (r"/api/users/", "post"),
    (rf"/api/users/{ID}/", "get"),
    (rf"/api/users/{ID}/", "patch"),
    (rf"/api/users/{ID}/deactivate/", "post"),
    (r"/api/orders/", "get"),
    (r"/api/orders/", "post"),
    (rf"/api/orders/{ID}/", "get"),
    (rf"/api/orders/{ID}/confirm/", "post"),
    (rf"/api/orders/{ID}/ship/", "post"),
    (rf"/api/orders/{ID}/cancel/", "post"),
]
DOC_PAGES = ["/api/docs/", "/api/redoc/"]
# Every URL the page itself makes the browser load or link to.
REFERENCE = re.compile(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
SCRIPT_SOURCE = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["']([^"']*)["']""", re.IGNORECASE
)
# A scheme ("https:") or a protocol-relative "//" means another host.
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def test_schema_is_openapi_3_json(api):
    response = api.get("/api/schema/", params={"format": "json"})

    assert response.status_code == HTTPStatus.OK
    assert response.json()["openapi"].startswith("3")


def test_schema_is_negotiated_by_accept_header(api):
    headers = {"Accept": "application/vnd.oai.openapi+json"}

    response = api.get("/api/schema/", headers=headers)

    assert response.status_code == HTTPStatus.OK
    assert response.json()["openapi"].startswith("3")


@pytest.mark.parametrize(
    ("path", "method"),
    OPERATIONS,
    ids=[f"{method}-{path}" for path, method in OPERATIONS],
)
def test_schema_documents_operation(api, path, method):
    response = api.get("/api/schema/", params={"format": "json"})

    paths = response.json()["paths"]
    matching = [key for key in paths if re.fullmatch(path, key)]
    assert matching, sorted(paths)
    assert any(method in paths[key] for key in matching)


@pytest.mark.parametrize("page", DOC_PAGES)
def test_docs_page_is_html(api, page):
    response = api.get(page)

    assert response.status_code == HTTPStatus.OK
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("page", DOC_PAGES)
def test_docs_page_uses_no_cdn(api, page):
    response = api.get(page)

    assert "cdn" not in response.text.lower()


@pytest.mark.parametrize("page", DOC_PAGES)
def test_docs_page_references_no_other_host(api, page):
    response = api.get(page)

    references = REFERENCE.findall(response.text)
    assert [url for url in references if EXTERNAL.match(url)] == []


@pytest.mark.parametrize("page", DOC_PAGES)
def test_docs_page_scripts_are_served_locally(api, page):
    html = api.get(page).text
    scripts = [src for src in SCRIPT_SOURCE.findall(html) if src.startswith("/static/")]

    found = {src: api.get(src).status_code for src in scripts}

    assert scripts, html
    assert set(found.values()) == {HTTPStatus.OK}, found
