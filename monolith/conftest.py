"""Fixtures shared by the test suites of every app in the monolith."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api_client() -> APIClient:
    """Return a DRF test client; tests pass `format="json"` for bodies."""
    return APIClient()
