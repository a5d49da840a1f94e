"""Wagtail's form for a page behind a shared password: wrong passwords are limited per
client address and per password, with a 429 page in the reader's language, while the
right password still opens the page under the limit."""

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import PageViewRestriction

import pytest

from blog.factories import BlogPageFactory

pytestmark = pytest.mark.django_db

PER_ADDRESS = 10  # ACCOUNT_RATE_LIMITS["page_password_failed"]
PER_PASSWORD = 30
TOO_MANY = "A wrong password was entered for this page too often. Wait 15 minutes and try again."


@pytest.fixture
def secret_post(group):
    post = BlogPageFactory(parent=group, title="Alleen met wachtwoord", slug="alleen-met-wachtwoord")
    restriction = PageViewRestriction.objects.create(page=post, restriction_type="password", password="geheim")
    return post, restriction


def form_address(client, post):
    """The address the page's own password form posts to."""
    page = client.get(post.url)
    assert page.status_code == 200
    action = reverse("wagtailcore_authenticate_with_password", args=[post.get_view_restrictions()[0].pk, post.pk])
    assert f'action="{action}"' in page.content.decode()
    return action


def attempt(client, action, post, password, address="198.51.100.7"):
    return client.post(action, {"password": password, "return_url": post.url}, REMOTE_ADDR=address)


def test_the_form_posts_to_the_limited_view(secret_post):
    post, _restriction = secret_post
    client = Client()
    action = form_address(client, post)
    assert action.startswith("/nl/_util/authenticate_with_password/")
    wrong = attempt(client, action, post, "fout")
    assert wrong.status_code == 200
    assert 'name="password"' in wrong.content.decode()


def test_wrong_passwords_from_one_address_are_refused_after_the_limit(secret_post):
    post, _restriction = secret_post
    client = Client()
    action = form_address(client, post)
    for number in range(PER_ADDRESS):
        assert attempt(client, action, post, f"fout-{number}").status_code == 200, number
    refused = attempt(client, action, post, "fout-nog-eens")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert '<html lang="nl"' in html
    with translation.override("nl"):
        assert gettext(TOO_MANY) in html
    assert f'href="{post.url}"' in html
    # Past the limit even the right password is not checked: guessing stays pointless.
    assert attempt(client, action, post, "geheim").status_code == 429
    assert "Alleen met wachtwoord" not in client.get(post.url).content.decode().split("<main", 1)[-1]

    # Another address is not affected, and the right password opens the page.
    other = Client()
    assert attempt(other, action, post, "fout", address="203.0.113.20").status_code == 200
    opened = attempt(other, action, post, "geheim", address="203.0.113.20")
    assert opened.status_code == 302
    assert opened["Location"] == post.url
    assert "Alleen met wachtwoord" in other.get(post.url).content.decode()


def test_the_answer_is_in_english_on_the_english_address(secret_post):
    post, restriction = secret_post
    client = Client()
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, post.pk])
    with translation.override("en"):
        english = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, post.pk])
    assert english.startswith("/en/") and action.startswith("/nl/")
    for number in range(PER_ADDRESS):
        attempt(client, english, post, f"wrong-{number}")
    refused = attempt(client, english, post, "wrong")
    assert refused.status_code == 429
    assert '<html lang="en"' in refused.content.decode()
    assert TOO_MANY in refused.content.decode()


def test_the_right_password_under_the_limit_still_opens_the_page(secret_post):
    post, restriction = secret_post
    client = Client()
    action = form_address(client, post)
    for number in range(PER_ADDRESS - 1):
        attempt(client, action, post, f"fout-{number}")
    assert attempt(client, action, post, "geheim").status_code == 302
    assert "Alleen met wachtwoord" in client.get(post.url).content.decode()


def test_one_password_guessed_at_from_many_addresses_is_refused_after_its_own_limit(secret_post, group):
    post, restriction = secret_post
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, post.pk])
    for number in range(PER_PASSWORD):
        address = f"192.0.2.{number + 1}"
        assert attempt(Client(), action, post, f"fout-{number}", address=address).status_code == 200
    assert attempt(Client(), action, post, "fout", address="192.0.2.200").status_code == 429
    # Sending another page's id along does not dodge the limit of this password.
    other_page = BlogPageFactory(parent=group, title="Open bericht", slug="open-bericht")
    sideways = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, other_page.pk])
    assert attempt(Client(), sideways, post, "fout", address="192.0.2.201").status_code == 429
    # Another page's password has a limit of its own.
    other = BlogPageFactory(parent=group, title="Ook geheim", slug="ook-geheim")
    other_restriction = PageViewRestriction.objects.create(page=other, restriction_type="password", password="x")
    elsewhere = reverse("wagtailcore_authenticate_with_password", args=[other_restriction.pk, other.pk])
    assert attempt(Client(), elsewhere, other, "fout", address="192.0.2.202").status_code == 200


def test_unknown_restrictions_are_not_found_and_not_counted(secret_post):
    post, restriction = secret_post
    client = Client()
    missing = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk + 100, post.pk])
    for _ in range(PER_ADDRESS + 2):
        assert attempt(client, missing, post, "fout").status_code == 404
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, post.pk])
    assert attempt(client, action, post, "geheim").status_code == 302


def test_a_return_address_elsewhere_is_not_offered_as_the_way_back(secret_post):
    post, restriction = secret_post
    client = Client()
    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, post.pk])
    for number in range(PER_ADDRESS):
        attempt(client, action, post, f"fout-{number}")
    refused = client.post(
        action, {"password": "fout", "return_url": "https://evil.example/"}, REMOTE_ADDR="198.51.100.7"
    )
    assert refused.status_code == 429
    assert "evil.example" not in refused.content.decode()
