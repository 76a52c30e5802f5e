"""Public API: ids that name nothing are a 404, however odd they look."""

from http import HTTPStatus

import pytest

MISSING_IDS = ["999999999", "0", "-1", str(10**30), "abc"]


@pytest.mark.parametrize("user_id", MISSING_IDS)
def test_user_retrieve_unknown_id_returns_404(api, user_id):
    response = api.get(f"/api/users/{user_id}/")

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("user_id", MISSING_IDS)
def test_user_update_unknown_id_returns_404(api, user_id):
    response = api.patch(f"/api/users/{user_id}/", json={"name": "Nobody"})

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("user_id", MISSING_IDS)
def test_user_deactivate_unknown_id_returns_404(api, user_id):
    response = api.post(f"/api/users/{user_id}/deactivate/")

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("order_id", MISSING_IDS)
def test_order_retrieve_unknown_id_returns_404(api, order_id):
    response = api.get(f"/api/orders/{order_id}/")

    assert response.status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("action", ["confirm", "ship", "cancel"])
@pytest.mark.parametrize("order_id", MISSING_IDS)
def test_order_action_on_unknown_id_returns_404(api, order_id, action):
    response = api.post(f"/api/orders/{order_id}/{action}/")

    assert response.status_code == HTTPStatus.NOT_FOUND
