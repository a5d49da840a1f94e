import factory
from factory.django import DjangoModelFactory

from .models import User

DEFAULT_PASSWORD = "samen-wachtwoord"  # noqa: S105 - demo and test accounts only


class UserFactory(DjangoModelFactory):
    email = factory.Sequence(lambda n: f"lid{n}@samen.test")
    display_name = factory.Sequence(lambda n: f"Lid {n}")
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Meta:
        model = User
        django_get_or_create = ("email",)
