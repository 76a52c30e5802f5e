"""What lab 3's checks share: the orders service they need, and the calls they make.

Every check fails at once, saying why, while the tree has no
`services/orders/manage.py`: without it no orders port will ever open, and
waiting for one would cost minutes.
"""

import json
import time
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path

import httpx

from tools.labkit import CheckFailed, LabTree
from tools.labstack import Ports

SERVICE = Path("services/orders")
LINE = {"sku": "LAB-1", "name": "Lab mug", "quantity": 1, "unit_price": "9.99"}


def orders_service(tree: LabTree) -> Path:
    """Return the orders service's folder; fail at once when the tree has none."""
    if not (tree.path / SERVICE / "manage.py").is_file():
        raise CheckFailed(
            f"there is no {SERVICE}/manage.py: the orders service is a Django "
            "project of its own, with its own manage.py (see the README)"
        )
    return tree.path / SERVICE


def answers(ports: Ports) -> list[str]:
    """Return the URLs that must answer before a check of `make run` goes on."""
    return [
        f"{ports.users_url}/api/users/",
        f"{ports.orders_url}/api/orders/",
        f"{ports.edge_url}/api/orders/",
    ]


def create_user(base: str, *, email: str) -> int:
    """Create a user through base (the edge or the users service); return its id."""
    created = httpx.post(
        f"{base}/api/users/", json={"name": "Lab", "email": email}, timeout=30
    )
    if created.status_code != HTTPStatus.CREATED:
        raise CheckFailed(
            f"creating a user at {base} answered {created.status_code}: "
            f"{created.text[:300]}"
        )
    user_id: int = created.json()["id"]
    return user_id


def place_order(base: str, *, user_id: int) -> int:
    """Place an order through base (the edge or the orders service); return its id."""
    placed = httpx.post(
        f"{base}/api/orders/", json={"user_id": user_id, "lines": [LINE]}, timeout=30
    )
    if placed.status_code != HTTPStatus.CREATED:
        raise CheckFailed(
            f"placing an order at {base} answered {placed.status_code}: "
            f"{placed.text[:300]}"
        )
    order_id: int = placed.json()["id"]
    return order_id


@dataclass(frozen=True)
class Answer:
    """What one GET answered, and how long it took."""

    status: int
    text: str
    is_json: bool
    seconds: float


def timed_get(url: str) -> Answer:
    """GET url and time it; a request that fails outright fails the check."""
    started = time.monotonic()
    try:
        response = httpx.get(url, timeout=30)
    except httpx.HTTPError as error:
        raise CheckFailed(f"GET {url} got no answer: {error!r}") from None
    return Answer(
        status=response.status_code,
        text=response.text[:300],
        is_json=_is_json(response),
        seconds=time.monotonic() - started,
    )


def unavailable(answer: Answer, *, url: str, service: str) -> str | None:
    """Say what is wrong with an answer that must be a JSON 503 naming the service."""
    if answer.status != HTTPStatus.SERVICE_UNAVAILABLE or not answer.is_json:
        return f"GET {url} answered {answer.status}: {answer.text}"
    if service not in answer.text.lower():
        return f"the 503 does not name the {service} service: {answer.text}"
    return None


def _is_json(response: httpx.Response) -> bool:
    """Tell whether an answer says it is JSON and is."""
    if "json" not in response.headers.get("Content-Type", ""):
        return False
    try:
        json.loads(response.content)
    except ValueError:
        return False
    return True
