"""Following a post: who follows, the mail for each new reaction, and stopping by link."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.test import Client

import pytest

from blog.factories import BlogPageFactory
from engagement.following import unfollow_token
from engagement.models import Follow, Reaction

from .helpers import POST_URL, reaction_data, soup

pytestmark = pytest.mark.django_db

BASE = urlsplit(settings.SITE_BASE_URL)


def follows(user, page):
    return Follow.objects.filter(user=user, translation_key=page.translation_key).exists()


def follow(user, page):
    Follow.objects.get_or_create(user=user, translation_key=page.translation_key)


def post_reaction(client, user, page, text="Nieuwe reactie", **extra):
    client.force_login(user)
    response = client.post(POST_URL, reaction_data(page, text), **extra)
    assert response.status_code == 302, response.content.decode()[:500]
    return Reaction.objects.latest("pk")


def links(message):
    return re.findall(r"https?://[^\s\"<>]+", message.body)


def stop_link(message):
    return next(link for link in links(message) if "/reacties/stoppen/" in link)


class TestWhoFollows:
    def test_posting_a_reaction_makes_the_poster_follow(self, client, post, member):
        assert not follows(member, post)
        post_reaction(client, member, post)
        assert follows(member, post)

    def test_the_author_follows_a_post_from_its_publication(self, group, author):
        draft = BlogPageFactory(parent=group, author=author, live=False, title="Nieuw stuk")
        assert not follows(author, draft)
        draft.save_revision().publish()
        assert follows(author, draft)

    def test_republishing_does_not_make_the_author_follow_again(self, client, group, author):
        draft = BlogPageFactory(parent=group, author=author, live=False, title="Nieuw stuk")
        draft.save_revision().publish()
        client.get(f"/reacties/stoppen/{unfollow_token(author, draft)}/")
        assert not follows(author, draft)
        draft.refresh_from_db()
        draft.title = "Nieuw stuk, verbeterd"
        draft.save_revision().publish()
        assert not follows(author, draft)

    def test_follow_and_unfollow_buttons(self, client, post, member):
        client.force_login(member)
        button = soup(client.get(post.url)).select_one(".reactions__follow")
        assert button.select_one("input[name=action]")["value"] == "follow"
        response = client.post(button["action"], {"action": "follow", "next": post.url})
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == post.url
        assert follows(member, post)

        button = soup(client.get(post.url)).select_one(".reactions__follow")
        assert button.select_one("input[name=action]")["value"] == "unfollow"
        assert "Niet meer volgen" in button.get_text()
        client.post(button["action"], {"action": "unfollow", "next": post.url})
        assert not follows(member, post)

    def test_follow_button_needs_log_in(self, client, post):
        response = client.post(f"/reacties/volgen/{post.pk}/", {"action": "follow"})
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == "/nl/account/login/"
        assert not Follow.objects.exists()

    def test_follow_button_needs_post(self, client, post, member):
        client.force_login(member)
        assert client.get(f"/reacties/volgen/{post.pk}/").status_code == 405
        assert not Follow.objects.exists()


class TestMail:
    def test_followers_get_one_mail_per_reaction_but_not_its_author(
        self, client, post, author, member, other_member, mailoutbox
    ):
        follow(author, post)
        follow(member, post)
        follow(other_member, post)
        reaction = post_reaction(client, other_member, post, "Wat vinden jullie?")

        assert sorted(m.to[0] for m in mailoutbox) == sorted([author.email, member.email])
        for message in mailoutbox:
            assert "Samen leren" in message.subject
            assert "Wat vinden jullie?" in message.body
            assert f"{settings.SITE_BASE_URL}{post.url}#reactie-{reaction.pk}" in links(message)
            stop = urlsplit(stop_link(message))
            assert (stop.scheme, stop.netloc) == (BASE.scheme, BASE.netloc)
            assert message.extra_headers["List-Unsubscribe"] == f"<{stop_link(message)}>"
            html = message.alternatives[0][0]
            assert f'href="{settings.SITE_BASE_URL}{post.url}#reactie-{reaction.pk}"' in html
            assert stop_link(message) in html

        # A second reaction: one more mail each, no more.
        post_reaction(client, member, post, "Nog een")
        assert sorted(m.to[0] for m in mailoutbox[2:]) == sorted([author.email, other_member.email])

    def test_links_use_the_sites_address_whatever_host_was_claimed(self, client, post, author, member, mailoutbox):
        follow(author, post)
        post_reaction(client, member, post, HTTP_HOST="evil.example")
        assert len(mailoutbox) == 1
        message = mailoutbox[0]
        assert "evil.example" not in message.body
        assert "evil.example" not in message.alternatives[0][0]
        assert all(urlsplit(link).netloc == BASE.netloc for link in links(message))

    def test_inactive_followers_get_no_mail(self, client, post, author, member, mailoutbox):
        follow(author, post)
        author.is_active = False
        author.save()
        post_reaction(client, member, post)
        assert mailoutbox == []

    def test_followers_of_another_post_get_no_mail(self, client, post, other_post, author, member, mailoutbox):
        follow(author, other_post)
        post_reaction(client, member, post)
        assert mailoutbox == []

    def test_a_refused_reaction_sends_no_mail(self, client, post, author, member, mailoutbox):
        follow(author, post)
        client.force_login(member)
        client.post(POST_URL, reaction_data(post, "   "))
        assert mailoutbox == []


class TestStopFollowing:
    @pytest.fixture
    def setup(self, post, other_post, member, other_member):
        for user, page in ((member, post), (member, other_post), (other_member, post)):
            follow(user, page)

    def test_get_on_the_stop_link_without_log_in(self, client, post, other_post, member, other_member, setup):
        response = client.get(f"/reacties/stoppen/{unfollow_token(member, post)}/")
        assert response.status_code == 200
        assert "Je volgt dit bericht niet meer" in response.content.decode()
        assert not follows(member, post)
        assert follows(member, other_post)
        assert follows(other_member, post)
        assert Follow.objects.count() == 2

    def test_the_link_from_the_mail_works(self, client, post, author, member, mailoutbox):
        follow(author, post)
        post_reaction(client, member, post)
        client.logout()
        assert client.get(urlsplit(stop_link(mailoutbox[0])).path).status_code == 200
        assert not follows(author, post)
        assert follows(member, post)

    def test_one_click_post_needs_no_csrf_token(self, post, member, setup):
        client = Client(enforce_csrf_checks=True)
        response = client.post(f"/reacties/stoppen/{unfollow_token(member, post)}/", {"List-Unsubscribe": "One-Click"})
        assert response.status_code == 200
        assert not follows(member, post)
        assert Follow.objects.count() == 2

    @pytest.mark.parametrize("mangle", [lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"), lambda t: "x" + t])
    def test_a_tampered_token_is_400(self, client, post, member, setup, mangle):
        token = mangle(unfollow_token(member, post))
        assert client.get(f"/reacties/stoppen/{token}/").status_code == 400
        assert Follow.objects.count() == 3

    def test_a_token_signed_for_something_else_is_400(self, client, post, member, setup):
        forged = signing.dumps({"u": member.pk, "k": str(post.translation_key)}, compress=True)
        assert client.get(f"/reacties/stoppen/{forged}/").status_code == 400
        assert Follow.objects.count() == 3

    def test_after_stopping_no_more_mail(self, client, post, author, member, mailoutbox):
        follow(author, post)
        client.get(f"/reacties/stoppen/{unfollow_token(author, post)}/")
        post_reaction(client, member, post)
        assert mailoutbox == []
