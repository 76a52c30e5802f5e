"""URL map of the chassis' own tests: the endpoints a project mounts from it."""

from chassis.urls import internal_patterns

urlpatterns = [*internal_patterns]
