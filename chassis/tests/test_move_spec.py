"""Tests of a move's description: it must match its models, parents first."""

import pytest

from chassis.moving.spec import Move, Parent, Table, Unique
from chassis.tests.albums.models import Album, Track
from chassis.tests.albums.moving import ALBUMS_MOVE

ALBUMS, TRACKS = ALBUMS_MOVE.tables


def test_a_table_names_its_rows_by_its_models_verbose_name():
    assert (TRACKS.noun, TRACKS.plural) == ("track", "tracks")


def test_a_table_refuses_columns_its_model_does_not_have():
    with pytest.raises(ValueError, match="columns"):
        Table(source="albums_track", model=Track, columns=("id", "title"))


def test_a_table_refuses_a_first_column_that_is_not_the_primary_key():
    columns = ("album_id", "id", "title", "price")

    with pytest.raises(ValueError, match="primary key"):
        Table(source="albums_track", model=Track, columns=columns)


def test_a_table_refuses_a_kind_given_to_no_column():
    with pytest.raises(ValueError, match=r"no such columns \['code'\]"):
        Table(
            source="albums_track",
            model=Track,
            columns=TRACKS.columns,
            unique=(Unique("code"),),
        )


def test_a_move_refuses_a_child_before_its_parent():
    with pytest.raises(ValueError, match="parent does not move before it"):
        Move(tables=(TRACKS, ALBUMS))


def test_a_move_refuses_a_child_whose_parent_does_not_move():
    orphan = Table(
        source="albums_track",
        model=Track,
        columns=TRACKS.columns,
        parent=Parent("album_id", "albums_album"),
    )

    with pytest.raises(ValueError, match="parent does not move before it"):
        Move(tables=(orphan,))


def test_a_move_finds_a_table_by_its_source_name():
    assert ALBUMS_MOVE.table("albums_album").model is Album
