"""A member who lost every factor asks an administrator: a superuser turns their second
factors off in the user admin, which is logged in the member's history and mailed to
them. Nobody else may."""

from django.core import mail

from wagtail.models import ModelLogEntry

import pytest
from allauth.mfa.models import Authenticator

from accounts.factories import give_authenticator_app
from accounts.viewsets import SECOND_FACTORS_REMOVED
from tests.engagement.helpers import member_of, text_of

from .conftest import log_in, logged_in_as, nl


def address(member):
    return f"/admin/users/second-factors/{member.pk}/"


@pytest.fixture
def locked_out(member_with_app):
    """Mila, with her app and recovery codes, who lost her phone."""
    return member_with_app


def test_the_edit_page_offers_it_to_a_superuser(client, superuser, locked_out):
    client.force_login(superuser)
    response = client.get(f"/admin/users/edit/{locked_out.pk}/")
    assert address(locked_out) in response.content.decode()


def test_the_confirmation_page_names_the_member_and_the_factors(client, superuser, locked_out):
    client.force_login(superuser)
    response = client.get(address(locked_out))
    assert response.status_code == 200
    assert "Mila Lid" in text_of(response)
    assert nl("Authenticator app") in text_of(response)
    assert nl("Recovery codes") in text_of(response)


def test_turning_them_off_removes_every_factor_logs_it_and_mails_the_member(
    client, superuser, locked_out, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(address(locked_out))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=locked_out).exists()
    entry = ModelLogEntry.objects.get(action=SECOND_FACTORS_REMOVED)
    assert entry.object_id == str(locked_out.pk)
    assert entry.user_id == superuser.pk
    (message,) = mail.outbox
    assert message.to == ["mila@samen.test"]
    assert message.subject == nl("Two-factor authentication has been turned off for your account")
    assert "/nl/account/2fa/" in message.body
    # She logs in with her password alone again.
    client.logout()
    assert log_in(client, "mila@samen.test").status_code == 302
    assert logged_in_as(client) == str(locked_out.pk)


def test_the_mail_is_in_the_members_language(client, superuser, locked_out, django_capture_on_commit_callbacks):
    locked_out.language = "en"
    locked_out.save()
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(address(locked_out))
    (message,) = mail.outbox
    assert message.subject == "Two-factor authentication has been turned off for your account"
    assert "/en/account/2fa/" in message.body


def test_the_entry_shows_in_the_members_history(client, superuser, locked_out):
    client.force_login(superuser)
    client.post(address(locked_out))
    history = client.get(f"/admin/users/history/{locked_out.pk}/")
    assert history.status_code == 200
    assert nl("Two-factor authentication turned off") in text_of(history)


def test_an_editor_who_is_not_a_superuser_is_refused(client, locked_out):
    editor = member_of("Editors", email="eva@samen.test")
    client.force_login(editor)
    assert client.get(address(locked_out)).status_code == 403
    assert client.post(address(locked_out)).status_code == 403
    assert Authenticator.objects.filter(user=locked_out).exists()
    assert f"second-factors/{locked_out.pk}" not in client.get(f"/admin/users/edit/{locked_out.pk}/").content.decode()


def test_a_member_is_refused_and_an_unknown_member_is_not_found(client, superuser, locked_out):
    client.force_login(locked_out)
    assert client.post(address(superuser)).status_code in (302, 403)
    assert Authenticator.objects.filter(user=superuser).exists()
    client.force_login(superuser)
    assert client.get("/admin/users/second-factors/999999/").status_code == 404
    assert client.get("/admin/users/second-factors/x'or'1/").status_code == 404


def test_a_member_without_factors_is_told_so(client, superuser, db):
    plain = member_of("Moderators", email="mo@samen.test")
    Authenticator.objects.filter(user=plain).delete()
    client.force_login(superuser)
    response = client.post(address(plain), follow=True)
    assert response.status_code == 200
    assert not mail.outbox


def test_an_editor_who_lost_everything_sets_up_again_before_the_admin_opens(client, superuser):
    editor = member_of("Editors", email="eva@samen.test")
    client.force_login(superuser)
    client.post(address(editor))
    client.logout()
    log_in(client, "eva@samen.test")
    assert client.get("/admin/").status_code == 403
    give_authenticator_app(editor)
    assert client.get("/admin/").status_code == 200
