"""A member's organisation's account on their settings: linking it (only with one of
their confirmed addresses) and unlinking it (only when they can still log in)."""

from allauth.socialaccount.models import SocialAccount

from tests.engagement.helpers import verified_member
from tests.sso.conftest import log_in


def test_a_member_links_their_organisations_account_with_their_own_address(client, sso):
    anna = verified_member(email="anna@gemeente.nl")
    client.force_login(anna)
    page = client.get("/en/account/3rdparty/").content.decode()
    assert "is not linked" in page
    assert 'name="process" value="connect"' in page

    response = log_in(client, "anna", language="en", process="connect")

    assert response.status_code == 302
    assert SocialAccount.objects.get(provider="organisation").user == anna
    assert "anna@gemeente.nl" in client.get("/en/account/3rdparty/").content.decode()


def test_an_organisations_account_with_another_address_is_not_linked(client, sso):
    client.force_login(verified_member(email="anna@x.nl"))
    response = log_in(client, "anna", language="en", process="connect")
    assert response.status_code == 403
    assert response.context["reason"] == "not_yours"
    assert not SocialAccount.objects.exists()


def test_unlinking_needs_a_password_to_log_in_with(client, sso):
    log_in(client, "anna")  # an account made through the provider has no password
    account = SocialAccount.objects.get()
    response = client.post("/en/account/3rdparty/", {"account": account.pk})
    assert response.status_code == 200
    assert "Set one first" in response.content.decode()
    assert SocialAccount.objects.exists()


def test_a_member_with_a_password_unlinks_it(client, sso):
    anna = verified_member(email="anna@gemeente.nl")
    log_in(client, "anna")
    account = SocialAccount.objects.get(user=anna)
    response = client.post("/en/account/3rdparty/", {"account": account.pk})
    assert response.status_code == 302
    assert not SocialAccount.objects.exists()


def test_unlinking_refuses_wrong_values(client, sso):
    client.force_login(verified_member(email="anna@x.nl"))
    for value in ("", "abc", "99999999999999999999", "<script>", "1 OR 1=1"):
        response = client.post("/en/account/3rdparty/", {"account": value})
        assert response.status_code == 200
        assert response.context["form"].errors
