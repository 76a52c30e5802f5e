"""Tests of what the users service's settings read from the environment."""

from chassis.testing import setting_read_from
from config.settings import BASE_DIR, REPO_DIR


def broker_read_from(**env: str) -> str:
    """Return the Celery broker as a fresh interpreter's settings name it."""
    return setting_read_from("s.CELERY_BROKER_URL", project=BASE_DIR, **env)


def test_the_broker_is_the_local_redis_unless_redis_url_names_another():
    assert broker_read_from() == "redis://127.0.0.1:6379/0"


def test_the_broker_is_the_redis_that_redis_url_names():
    assert broker_read_from(REDIS_URL="redis://elsewhere:6380/2") == (
        "redis://elsewhere:6380/2"
    )


def database_read_from(**env: str) -> str:
    """Return the database file as a fresh interpreter's settings name it."""
    return setting_read_from("s.DATABASES['default']['NAME']", project=BASE_DIR, **env)


def test_a_relative_database_path_is_taken_from_the_repository_root():
    name = database_read_from(USERS_DATABASE_PATH="var/elsewhere.sqlite3")

    assert name == str(REPO_DIR / "var" / "elsewhere.sqlite3")


def test_an_absolute_database_path_is_kept(tmp_path):
    name = database_read_from(USERS_DATABASE_PATH=str(tmp_path / "db.sqlite3"))

    assert name == str(tmp_path / "db.sqlite3")
