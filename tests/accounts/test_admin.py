"""Signing in to the Wagtail admin with an e-mail address, and the member forms there."""

from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from accounts.factories import DEFAULT_PASSWORD, UserFactory, current_code_for
from accounts.models import User
from tests.helpers import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, superuser):
    assert client.login(email=superuser.email, password=DEFAULT_PASSWORD)
    return client


def test_superuser_can_log_in_to_the_admin(client, superuser):
    assert client.login(email="redactie@samen.test", password=DEFAULT_PASSWORD)

    assert client.get("/admin/").status_code == 200


def test_log_in_does_not_care_about_the_case_of_the_email(client, superuser):
    assert client.login(email="Redactie@Samen.TEST", password=DEFAULT_PASSWORD)


def test_log_in_needs_the_right_password(client, superuser):
    assert not client.login(email=superuser.email, password="fout")


def test_admin_is_closed_to_visitors(client, superuser):
    response = client.get("/admin/")

    assert response.status_code == 302
    # The admin signs in through the site's own (rate-limited) log-in.
    assert response["Location"].startswith("/nl/account/login/")


def test_admin_is_closed_to_ordinary_members(client):
    member = UserFactory()
    assert client.login(email=member.email, password=DEFAULT_PASSWORD)

    assert client.get("/admin/").status_code == 302


def test_admin_log_in_form_signs_in_with_an_email(client, superuser):
    EmailAddress.objects.create(user=superuser, email=superuser.email, verified=True, primary=True)
    login_url = client.get("/admin/login/?next=/admin/")["Location"]
    second_step = client.post(login_url, {"login": "redactie@samen.test", "password": DEFAULT_PASSWORD})
    # The editor has an authenticator app: the code it shows is the second step.
    response = client.post(second_step["Location"], {"code": current_code_for(superuser)}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    assert response.context["user"] == superuser


@pytest.mark.parametrize("view", ["create", "edit"])
def test_member_forms_have_a_display_name_field(editor_client, superuser, view):
    # Wagtail 8's member admin lives at /admin/users/new/ and /admin/users/edit/<pk>/.
    if view == "create":
        url = reverse("wagtailusers_users:add")
    else:
        url = reverse("wagtailusers_users:edit", args=[superuser.pk])

    response = editor_client.get(url)

    assert response.status_code == 200
    assert "display_name" in response.context["form"].fields
    field = parse(response).find("input", attrs={"name": "display_name"})
    assert field is not None
    if view == "edit":
        assert field["value"] == "Redactie Samen"


def test_member_created_in_the_admin_keeps_its_display_name(editor_client):
    response = editor_client.post(
        reverse("wagtailusers_users:add"),
        {
            "email": "Nieuw.Lid@Samen.test",
            "display_name": "Het Nieuwe Lid",
            "first_name": "Nieuw",
            "last_name": "Lid",
            "password1": "een-lang-wachtwoord-7",
            "password2": "een-lang-wachtwoord-7",
        },
    )

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    member = User.objects.get(email="nieuw.lid@samen.test")
    assert member.display_name == "Het Nieuwe Lid"
