"""Monolith database files for the mover's tests: albums and tracks, or worse."""

import sqlite3
from collections.abc import Sequence
from pathlib import Path

# The tables as Django's migrations write them on SQLite: a decimal column
# has NUMERIC affinity, so "12.50" is stored as the number 12.5.
ALBUM_TABLE = """
CREATE TABLE albums_album (
    id integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    code varchar(20) NOT NULL,
    title varchar(200) NOT NULL,
    is_public bool NOT NULL,
    version integer unsigned NOT NULL,
    created_at datetime NOT NULL,
    updated_at datetime NOT NULL
)
"""
TRACK_TABLE = """
CREATE TABLE albums_track (
    id integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    title varchar(200) NOT NULL,
    price decimal NOT NULL,
    album_id bigint NOT NULL REFERENCES albums_album (id) DEFERRABLE INITIALLY DEFERRED
)
"""
# Without types or constraints, so that odd values are stored as given.
LOOSE_ALBUM_TABLE = """
CREATE TABLE albums_album (
    id, code, title, is_public, version, created_at, updated_at
)
"""
LOOSE_TRACK_TABLE = "CREATE TABLE albums_track (id, title, price, album_id)"

# (id, code, title, is_public, version, created_at); updated_at is created_at.
ALBUMS = [
    (4, "kob-1", "Kind of Blue", 1, 1, "2026-01-02 03:04:05.000006"),
    (9, "BT-2", "Blue Train", 0, 3, "2026-02-03 04:05:06.000007"),
]
# (id, title, price, album_id), in the file's column order.
TRACKS = [
    (11, "So What", "12.50", 4),
    (12, "Freddie Freeloader", 9, 4),
    (15, "Moment's Notice", "0.99", 9),
]


def source_file(
    path: Path,
    albums: Sequence[tuple[object, ...]] = ALBUMS,
    tracks: Sequence[tuple[object, ...]] = TRACKS,
    *,
    loose: bool = False,
) -> Path:
    """Write a monolith database at path holding these rows; return path.

    With `loose`, the tables have no types or constraints.
    """
    with sqlite3.connect(path) as connection:
        connection.execute(LOOSE_ALBUM_TABLE if loose else ALBUM_TABLE)
        connection.execute(LOOSE_TRACK_TABLE if loose else TRACK_TABLE)
        connection.executemany(
            "INSERT INTO albums_album VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*row, row[5]) for row in albums],
        )
        connection.executemany("INSERT INTO albums_track VALUES (?, ?, ?, ?)", tracks)
    connection.close()
    return path
