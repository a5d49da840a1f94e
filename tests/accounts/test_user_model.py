"""Members sign in with an e-mail address: required, unique whatever its case, stored in
lower case; the display name is what bylines show."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db


def test_email_is_required():
    for missing in ["", None, "   "]:
        with pytest.raises(ValueError):
            User.objects.create_user(email=missing, password="geheim-wachtwoord")
    assert not User.objects.exists()


def test_email_is_required_by_validation():
    with pytest.raises(ValidationError) as error:
        User(email="", display_name="Anna").full_clean()

    assert "email" in error.value.message_dict


def test_email_is_stored_in_lower_case():
    user = User.objects.create_user(email="  Anna@X.NL ", password="geheim-wachtwoord", display_name="Anna")

    user.refresh_from_db()
    assert user.email == "anna@x.nl"


def test_email_is_lower_cased_on_every_save():
    user = User.objects.create_user(email="anna@x.nl", display_name="Anna")

    user.email = "Anna.Nieuw@X.nl"
    user.save()

    user.refresh_from_db()
    assert user.email == "anna.nieuw@x.nl"


def test_email_is_unique_whatever_its_case():
    User.objects.create_user(email="anna@x.nl", display_name="Anna")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(email="Anna@X.nl", display_name="Andere Anna")

    assert User.objects.count() == 1


def test_database_refuses_the_same_email_in_another_case():
    """Even a write that skips ``save()`` cannot make a second account for the same address."""
    User.objects.create_user(email="anna@x.nl", display_name="Anna")
    other = User.objects.create_user(email="bram@x.nl", display_name="Bram")

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=other.pk).update(email="ANNA@x.nl")

    assert User.objects.get(pk=other.pk).email == "bram@x.nl"


def test_display_name_as_given():
    user = User.objects.create_user(email="anna@x.nl", display_name="Anna V.", first_name="Anna", last_name="Verbeek")

    assert user.display_name == "Anna V."
    assert str(user) == "Anna V."


def test_display_name_falls_back_to_first_and_last_name():
    user = User.objects.create_user(email="anna@x.nl", first_name="Anna", last_name="Verbeek")

    assert user.display_name == "Anna Verbeek"
    assert str(user) == "Anna Verbeek"


def test_display_name_falls_back_to_first_name_alone():
    assert User.objects.create_user(email="anna@x.nl", first_name="Anna").display_name == "Anna"


def test_display_name_falls_back_to_the_email_local_part():
    user = User.objects.create_user(email="Anna.Verbeek@X.nl")

    assert user.display_name == "anna.verbeek"
    assert str(user) == "anna.verbeek"
    assert User.objects.get(pk=user.pk).display_name == "anna.verbeek"


def test_clearing_the_display_name_falls_back_again():
    user = User.objects.create_user(email="anna@x.nl", display_name="Anna V.", first_name="Anna")

    user.display_name = ""
    user.save()

    assert User.objects.get(pk=user.pk).display_name == "Anna"


def test_create_user_makes_an_ordinary_member():
    user = User.objects.create_user(email="anna@x.nl", password="geheim-wachtwoord")

    assert not user.is_staff
    assert not user.is_superuser
    assert user.check_password("geheim-wachtwoord")


def test_create_superuser():
    user = User.objects.create_superuser(email="Beheer@Samen.test", password="geheim-wachtwoord")

    assert user.is_staff
    assert user.is_superuser
    assert user.email == "beheer@samen.test"
    assert user.check_password("geheim-wachtwoord")
