"""Public API: deactivating a user, and its effect on that user's orders."""

from http import HTTPStatus


def test_user_deactivate_returns_inactive_user(api, user):
    response = api.post(f"/api/users/{user['id']}/deactivate/")

    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["id"] == user["id"]
    assert body["is_active"] is False
    assert body["version"] == 2


def test_user_deactivate_is_visible_on_retrieve(api, shop, user):
    api.post(f"/api/users/{user['id']}/deactivate/")

    fetched = shop.get_user(user["id"])

    assert fetched["is_active"] is False


def test_user_list_is_active_false_includes_deactivated_user(api, shop, user):
    shop.deactivate_user(user["id"])

    response = api.get(
        "/api/users/", params={"email": user["email"], "is_active": "false"}
    )

    assert [found["id"] for found in response.json()["results"]] == [user["id"]]


def test_user_list_is_active_true_excludes_deactivated_user(api, shop, user):
    shop.deactivate_user(user["id"])

    response = api.get(
        "/api/users/", params={"email": user["email"], "is_active": "true"}
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["results"] == []


def test_user_deactivate_cancels_pending_orders(api, shop, user):
    first = shop.create_order(user_id=user["id"])
    second = shop.create_order(user_id=user["id"])

    api.post(f"/api/users/{user['id']}/deactivate/")

    for order in (first, second):
        assert shop.wait_for_cancelled(order["id"])["status"] == "cancelled"


def test_order_cancelled_by_deactivation_has_next_version(api, shop, user, order):
    api.post(f"/api/users/{user['id']}/deactivate/")

    cancelled = shop.wait_for_cancelled(order["id"])

    assert cancelled["version"] == order["version"] + 1


def test_user_deactivate_leaves_shipped_orders_shipped(api, shop, user, order):
    shipped = shop.order_with_status("shipped", user_id=user["id"])

    api.post(f"/api/users/{user['id']}/deactivate/")
    shop.wait_for_cancelled(order["id"])

    fetched = shop.get_order(shipped["id"])
    assert fetched["status"] == "shipped"
    assert fetched["version"] == shipped["version"]


def test_user_deactivate_leaves_other_users_orders_alone(api, shop, user, order):
    other_order = shop.create_order()

    api.post(f"/api/users/{user['id']}/deactivate/")
    shop.wait_for_cancelled(order["id"])

    fetched = shop.get_order(other_order["id"])
    assert fetched["status"] == "pending"
    assert fetched["version"] == other_order["version"]
