"""The end-to-end tests share the public-API suite's clients and data builders."""

from tests.public_api.conftest import api, order, shop, user

__all__ = ["api", "order", "shop", "user"]
