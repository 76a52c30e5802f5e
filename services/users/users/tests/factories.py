"""factory_boy factories for the users app's models."""

import factory

from users.models import User


class UserFactory(factory.django.DjangoModelFactory):
    """An active customer at version 1 with an email no other user has."""

    class Meta:
        model = User

    name = factory.Sequence(lambda n: f"Customer {n}")
    email = factory.Sequence(lambda n: f"customer{n}@example.com")
