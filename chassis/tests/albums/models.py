"""Two models shaped like those a service moves: a versioned parent, its children."""

from django.db import models
from django.db.models.functions import Lower


class Album(models.Model):
    """A parent row: unique code whatever its case, a flag, a version, timestamps."""

    code = models.CharField(max_length=20)
    title = models.CharField(max_length=200)
    is_public = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("code"), name="albums_album_code_ci_unique")
        ]

    def __str__(self) -> str:
        return self.title


class Track(models.Model):
    """A child row, never changed once written: no version, a decimal price."""

    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="tracks")
    title = models.CharField(max_length=200)
    price = models.DecimalField(max_digits=10, decimal_places=2)

    def __str__(self) -> str:
        return self.title
