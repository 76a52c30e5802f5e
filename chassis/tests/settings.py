"""Settings for the chassis' own tests: the least a DRF project needs."""

SECRET_KEY = "chassis-tests-only"
INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "rest_framework",
    "chassis",
    "chassis.idempotency",
    "drf_spectacular",
    # A parent model and a child model for the mover's tests.
    "chassis.tests.albums",
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
REST_FRAMEWORK = {
    "UNAUTHENTICATED_USER": None,
    # As in every project (chassis.settings.rest_framework): extend_schema
    # builds on it when a view's module is imported, too early to override.
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# The internal endpoint the tests mount, and the secret it checks.
ROOT_URLCONF = "chassis.tests.urls"
EVENTS_SECRET = "chassis-tests-events-secret"
IDEMPOTENCY_KEY_TTL_SECONDS = 3600
IDEMPOTENCY_CLAIM_SECONDS = 60
