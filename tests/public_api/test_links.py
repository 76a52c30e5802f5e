"""Public API: links in answers name the address the client used.

From stage 2 the users endpoints are answered by the users service behind
the edge; its links must still lead back through the edge.
"""

from http import HTTPStatus
from urllib.parse import urlsplit

import pytest


@pytest.mark.parametrize("path", ["/api/users/", "/api/orders/"])
def test_page_links_name_the_address_the_client_used(api, base_url, shop, path):
    for _ in range(3):
        shop.create_order()

    second = api.get(path, params={"page_size": 1, "page": 2}).json()

    for link in (second["next"], second["previous"]):
        assert urlsplit(link).netloc == urlsplit(base_url).netloc
        assert api.get(link).status_code == HTTPStatus.OK
