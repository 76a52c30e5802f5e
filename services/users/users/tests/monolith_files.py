"""Monolith database files for the move's tests, as stage 1 leaves them or worse."""

import sqlite3
from pathlib import Path

# The users table as the monolith's migrations left it in stage 1.
MONOLITH_TABLE = """
CREATE TABLE users_user (
    id integer NOT NULL PRIMARY KEY AUTOINCREMENT,
    name varchar(200) NOT NULL,
    email varchar(254) NOT NULL,
    is_active bool NOT NULL,
    version integer unsigned NOT NULL,
    created_at datetime NOT NULL,
    updated_at datetime NOT NULL
)
"""
MONOLITH_USERS = [
    (3, "Ada Lovelace", "ada@example.com", 1, 1, "2026-01-02 03:04:05.000006"),
    (7, "Grace Hopper", "grace@example.com", 0, 4, "2026-02-03 04:05:06.000007"),
    (12, "Alan Turing", "Alan@example.com", 1, 2, "2026-03-04 05:06:07.000008"),
]


def monolith_file(path: Path, rows: list[tuple[object, ...]], table: str = "") -> Path:
    """Write a monolith database at path holding these rows; return path.

    Each row is (id, name, email, is_active, version, created_at), and
    updated_at is created_at. `table` replaces stage 1's table definition.
    """
    with sqlite3.connect(path) as connection:
        connection.execute(table or MONOLITH_TABLE)
        connection.executemany(
            "INSERT INTO users_user VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(*row, row[5]) for row in rows],
        )
    connection.close()
    return path
