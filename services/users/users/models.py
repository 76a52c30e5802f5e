"""The users app's model: a shop customer (not Django's auth user, see the docs)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from chassis.validators import validate_visible_text


def validate_email_local_part(email: str) -> None:
    """Refuse non-ASCII letters before the @, which SQLite cannot compare in any case.

    Django's email validator matches letters case-insensitively, so it lets
    through look-alikes such as the Kelvin sign (U+212A) for "K".
    """
    if not email.rpartition("@")[0].isascii():
        raise ValidationError("Use only ASCII characters before the @.")


class User(models.Model):
    """A customer of the shop.

    Django's `auth.User` stays for staff who log in to the admin; customers are
    a domain record of their own. See docs/00-monolith.md, "Two kinds of user".
    """

    name = models.CharField(max_length=200, validators=[validate_visible_text])
    email = models.EmailField(max_length=254, validators=[validate_email_local_part])
    is_active = models.BooleanField(default=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="users_user_email_ci_unique"),
            models.CheckConstraint(
                condition=~models.Q(name=""), name="users_user_name_not_blank"
            ),
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="users_user_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
