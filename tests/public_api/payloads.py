"""Request bodies that several public-API test modules send.

Plain data only: like the rest of the suite, nothing here imports the project.
"""


def line(**changes: object) -> dict[str, object]:
    """Return a valid order line with the given fields replaced."""
    return {
        "sku": "MUG-1",
        "name": "Mug",
        "quantity": 1,
        "unit_price": "9.99",
        **changes,
    }
