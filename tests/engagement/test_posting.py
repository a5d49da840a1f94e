"""Placing a reaction: who may, what is checked, and what the reader sees afterwards."""

import time
from urllib.parse import parse_qs, urlsplit

from django.test import Client

import pytest

from engagement.forms import ReactionForm
from engagement.models import Reaction

from .helpers import (
    POST_URL,
    make_reaction,
    reaction_data,
    soup,
    text_of,
    textarea_value,
    within_one_clock_minute,
)

pytestmark = pytest.mark.django_db


class TestAnonymous:
    def test_reader_sees_the_dutch_login_message_with_a_link_back_to_the_form(self, client, post):
        page = client.get(post.url)
        assert page.status_code == 200
        box = soup(page).select_one("#reageren")
        assert "Reageren is alleen mogelijk voor aangemelde gebruikers." in box.get_text()
        assert box.select_one("form") is None
        link = box.select_one("a")
        assert link.get_text(strip=True) == "Meld je aan om te reageren"
        target = urlsplit(link["href"])
        assert target.path == "/nl/account/login/"
        assert parse_qs(target.query)["next"] == [f"{post.url}#reageren"]

    def test_anonymous_post_is_refused_and_stores_nothing(self, client, post):
        response = client.post(POST_URL, reaction_data(post, "Anoniem"))
        assert response.status_code == 403
        assert Reaction.objects.count() == 0

    def test_login_link_leads_back_to_the_form_after_logging_in(self, client, post, member):
        link = soup(client.get(post.url)).select_one("#reageren a")["href"]
        response = client.post(link, {"login": member.email, "password": "samen-wachtwoord"})
        assert response.status_code == 302
        assert response["Location"] == f"{post.url}#reageren"


class TestPosting:
    def test_member_posts_and_sees_the_reaction(self, client, post, member):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, "Wat een **mooi** bericht"))
        reaction = Reaction.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"{post.url}#reactie-{reaction.pk}"
        assert reaction.user == member
        assert reaction.object_pk == str(post.pk)
        assert reaction.level == 0 and reaction.is_public and not reaction.is_removed

        page = client.get(post.url)
        item = soup(page).select_one(f"#reactie-{reaction.pk}")
        assert item is not None
        assert item.select_one(".reaction__body strong").get_text() == "mooi"
        assert "Lid Bram" in item.select_one(".reaction__author").get_text()

    def test_count_is_in_the_heading_and_the_byline(self, client, post, member, other_member):
        make_reaction(post, member, "Een")
        make_reaction(post, other_member, "Twee")
        make_reaction(post, other_member, "Verborgen", is_public=False)
        make_reaction(post, other_member, "Weg", is_removed=True)
        html = soup(client.get(post.url))
        assert html.select_one("#reactions-heading").get_text(strip=True) == "Reacties (2)"
        assert "Reacties (2)" in html.select_one(".post__byline").get_text()

    def test_the_posts_author_gets_a_badge_on_their_own_reaction(self, client, post, author, member):
        mine = make_reaction(post, author, "Dank jullie")
        theirs = make_reaction(post, member, "Graag gedaan")
        html = soup(client.get(post.url))
        assert html.select_one(f"#reactie-{mine.pk} .reaction__author .badge").get_text(strip=True) == "Auteur"
        assert html.select_one(f"#reactie-{theirs.pk} .badge") is None

    def test_next_is_kept_on_site(self, client, post, member):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, next_url="//evil.example/x"))
        assert response.status_code == 302
        assert response["Location"].startswith(post.url + "#reactie-")


class TestReplies:
    def test_reply_to_a_top_level_reaction(self, client, post, member, other_member):
        first = make_reaction(post, other_member, "Vraag?")
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, "Antwoord!", reply_to=first.pk))
        assert response.status_code == 302
        reply = Reaction.objects.exclude(pk=first.pk).get()
        assert reply.level == 1 and reply.thread_id == first.pk and reply.parent_id == first.pk
        html = soup(client.get(post.url))
        assert html.select_one(f"#reactie-{first.pk} .reaction-list--replies #reactie-{reply.pk}") is not None

    def test_reply_to_a_reply_is_refused(self, client, post, member, other_member):
        first = make_reaction(post, other_member, "Vraag?")
        reply = make_reaction(post, other_member, "Antwoord", parent=first)
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, "Nog dieper", reply_to=reply.pk))
        assert response.status_code == 400
        assert "Antwoorden gaan één niveau diep" in text_of(response)
        assert textarea_value(response) == "Nog dieper"
        assert Reaction.objects.count() == 2

    def test_reply_to_a_reaction_on_another_post_is_refused(self, client, post, other_post, member):
        elsewhere = make_reaction(other_post, member, "Daar")
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, "Hier", reply_to=elsewhere.pk))
        assert response.status_code == 400
        assert "staat niet onder dit bericht" in text_of(response)
        assert Reaction.objects.count() == 1

    def test_reply_to_a_nonexistent_reaction_is_refused(self, client, post, member):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, "Aan niemand", reply_to=987654))
        assert response.status_code == 400
        assert Reaction.objects.count() == 0

    def test_reply_to_a_hidden_reaction_is_refused(self, client, post, member, other_member):
        hidden = make_reaction(post, other_member, "Verborgen", is_public=False)
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, "Hallo?", reply_to=hidden.pk))
        assert response.status_code == 400
        assert Reaction.objects.count() == 1

    @pytest.mark.parametrize("bogus", ["-1", "abc", "1.5"])
    def test_a_malformed_reply_to_is_a_400(self, client, post, member, bogus):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, "Tekst", reply_to=bogus))
        assert response.status_code == 400
        assert Reaction.objects.count() == 0


class TestValidation:
    @pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
    def test_empty_reaction_is_refused(self, client, post, member, text):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, text))
        assert response.status_code == 400
        assert "Je reactie is leeg. Schrijf eerst iets." in text_of(response)
        assert Reaction.objects.count() == 0

    def test_too_long_reaction_is_refused_and_kept(self, client, post, member):
        client.force_login(member)
        text = "a" * 5001
        response = client.post(POST_URL, reaction_data(post, text))
        assert response.status_code == 400
        assert "5001 tekens" in text_of(response)
        assert textarea_value(response) == text
        assert Reaction.objects.count() == 0

    def test_exactly_5000_characters_fit(self, client, post, member):
        client.force_login(member)
        text = "a" * 5000
        response = client.post(POST_URL, reaction_data(post, text))
        assert response.status_code == 302
        assert Reaction.objects.get().comment == text


class TestSecurityFields:
    TEXT = "Mijn zorgvuldig getypte reactie"

    def assert_refused_and_kept(self, response):
        assert response.status_code == 400
        assert textarea_value(response) == self.TEXT
        assert Reaction.objects.count() == 0

    def test_missing_security_hash(self, client, post, member):
        client.force_login(member)
        data = reaction_data(post, self.TEXT)
        del data["security_hash"]
        self.assert_refused_and_kept(client.post(POST_URL, data))

    def test_forged_security_hash(self, client, post, member):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, self.TEXT, security_hash="0" * 40))
        self.assert_refused_and_kept(response)
        assert "Dit formulier was te oud of is veranderd" in text_of(response)

    def test_other_posts_object_pk_with_this_posts_hash(self, client, post, other_post, member):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, self.TEXT, object_pk=str(other_post.pk)))
        self.assert_refused_and_kept(response)

    def test_this_posts_object_pk_with_another_posts_hash(self, client, post, other_post, member):
        client.force_login(member)
        other = ReactionForm(other_post).initial
        data = reaction_data(post, self.TEXT, timestamp=other["timestamp"], security_hash=other["security_hash"])
        self.assert_refused_and_kept(client.post(POST_URL, data))

    def test_a_timestamp_older_than_two_hours(self, client, post, member):
        client.force_login(member)
        form = ReactionForm(post)
        old = int(time.time()) - 2 * 3600 - 60
        data = reaction_data(post, self.TEXT, timestamp=str(old), security_hash=form.initial_security_hash(old))
        self.assert_refused_and_kept(client.post(POST_URL, data))

    def test_a_timestamp_just_under_two_hours_is_fine(self, client, post, member):
        client.force_login(member)
        form = ReactionForm(post)
        recent = int(time.time()) - 2 * 3600 + 120
        data = reaction_data(post, self.TEXT, timestamp=str(recent), security_hash=form.initial_security_hash(recent))
        assert client.post(POST_URL, data).status_code == 302

    def test_a_content_type_that_is_not_a_page(self, client, post, member):
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, self.TEXT, content_type="accounts.user"))
        assert response.status_code == 400
        assert Reaction.objects.count() == 0

    def test_missing_csrf_token_is_refused(self, post, member):
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        response = client.post(POST_URL, reaction_data(post, self.TEXT))
        assert response.status_code == 403
        assert Reaction.objects.count() == 0

    def test_with_the_csrf_token_of_the_page_it_works(self, post, member):
        client = Client(enforce_csrf_checks=True)
        client.force_login(member)
        page = client.get(post.url)
        form = soup(page).select_one("#reageren form")
        data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
        data["comment"] = self.TEXT
        assert client.post(form["action"], data).status_code == 302
        assert Reaction.objects.get().comment == self.TEXT


class TestRateLimit:
    def test_sixth_reaction_within_a_minute_is_refused_and_kept(self, client, post, member):
        client.force_login(member)
        within_one_clock_minute()
        for n in range(5):
            assert client.post(POST_URL, reaction_data(post, f"Reactie {n}")).status_code == 302
        response = client.post(POST_URL, reaction_data(post, "De zesde"))
        assert response.status_code == 429
        assert "Je reageert wel erg snel" in text_of(response)
        assert textarea_value(response) == "De zesde"
        assert Reaction.objects.count() == 5

    def test_the_limit_is_per_member(self, client, post, member, other_member):
        client.force_login(member)
        within_one_clock_minute()
        for n in range(5):
            client.post(POST_URL, reaction_data(post, f"Reactie {n}"))
        client.force_login(other_member)
        assert client.post(POST_URL, reaction_data(post, "Ik mag nog")).status_code == 302
