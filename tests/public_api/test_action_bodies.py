"""Public API: an action (confirm, ship, cancel, deactivate) refuses a malformed body.

Actions read no body, so one used to go unparsed and the action be done
all the same. A body that is not JSON is a 400 now, and nothing changes;
a JSON body is ignored, as before.
"""

from http import HTTPStatus

import pytest

JSON = {"Content-Type": "application/json"}
MALFORMED = b'{"reason": '


@pytest.mark.parametrize("action", ["confirm", "cancel"])
def test_an_order_action_with_a_malformed_body_is_a_400_and_changes_nothing(
    api, shop, order, action
):
    response = api.post(
        f"/api/orders/{order['id']}/{action}/", content=MALFORMED, headers=JSON
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "JSON" in response.json()["detail"]
    assert shop.get_order(order["id"])["status"] == "pending"


def test_deactivating_with_a_malformed_body_is_a_400_and_changes_nothing(
    api, shop, user
):
    response = api.post(
        f"/api/users/{user['id']}/deactivate/", content=MALFORMED, headers=JSON
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert shop.get_user(user["id"])["is_active"] is True


def test_an_action_with_a_json_body_ignores_it(api, order):
    response = api.post(
        f"/api/orders/{order['id']}/confirm/", content=b'{"note": 1}', headers=JSON
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["status"] == "confirmed"
