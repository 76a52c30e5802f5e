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


class OutboxEvent(models.Model):
    """A user's change, written in the change's own transaction, until it is published.

    The change and its row commit or roll back together, so an event is
    never lost and never sent for a change that did not happen. The id is
    the change's sequence, which only grows (SQLite's AUTOINCREMENT never
    reuses one): the relay publishes in its order and the changes feed pages
    by it. See docs/04-celery-sync.md, "The outbox".
    """

    event_id = models.UUIDField(unique=True)
    change = models.CharField(max_length=16)
    user_id = models.BigIntegerField()
    user_version = models.PositiveIntegerField()
    # What subscribers need of the user: name, email and is_active.
    data = models.JSONField()
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            # The relay's question, "what is not yet published, oldest first?",
            # reads only the rows it is about.
            models.Index(
                fields=["id"],
                condition=models.Q(published_at__isnull=True),
                name="users_outbox_unpublished",
            ),
            # Pruning keeps each user's newest row, found through this index.
            models.Index(fields=["user_id", "id"], name="users_outbox_user_newest"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.sequence}: user {self.user_id} {self.change} (v{self.user_version})"
        )

    @property
    def sequence(self) -> int:
        """Return the row's place in the outbox, the id under a name that says so."""
        return self.pk
