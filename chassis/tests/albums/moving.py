"""The albums move: a versioned parent table, then its child table by foreign key."""

from decimal import Decimal

from chassis.moving.spec import Move, Parent, Table, Unique
from chassis.tests.albums.models import Album, Track


def _is_title(value: object) -> bool:
    """Tell whether a value is a title: text, not blank."""
    return isinstance(value, str) and bool(value.strip())


def _is_price(value: object) -> bool:
    """Tell whether a price is not negative (the mover checks it is a number)."""
    return Decimal(str(value)) >= 0


ALBUMS_MOVE = Move(
    tables=(
        Table(
            source="albums_album",
            model=Album,
            columns=(
                "id",
                "code",
                "title",
                "is_public",
                "version",
                "created_at",
                "updated_at",
            ),
            timestamps=("created_at", "updated_at"),
            booleans=("is_public",),
            version="version",
            created="created_at",
            unique=(Unique("code", ignore_case=True),),
            checks={"title": _is_title},
        ),
        Table(
            source="albums_track",
            model=Track,
            columns=("id", "album_id", "title", "price"),
            decimals=("price",),
            parent=Parent("album_id", "albums_album"),
            checks={"title": _is_title, "price": _is_price},
        ),
    )
)
