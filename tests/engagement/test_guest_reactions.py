"""Reactions by guests (visitors without an account), confirmed by e-mail: the form when
the site setting allows it and nothing when it does not, what the endpoint refuses, the
link that confirms (forged, expired, used twice), moderation, following by e-mail, rate
limits per address and per network, and removing what nobody confirmed."""

import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.core import mail, signing
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from wagtail.models import Site

import pytest

from about.models import AboutPage
from blog.factories import BlogPageFactory
from engagement.guests import CONFIRM_SALT, remove_unconfirmed
from engagement.models import GuestFollow, GuestReactions, Reaction
from engagement.reactions import reaction_count, reaction_counts
from outbox.models import Mail

from .helpers import POST_URL, make_reaction, member_of, reaction_data, soup, text_of

pytestmark = pytest.mark.django_db

GUEST_URL = "/reacties/gast/plaatsen/"
# Shared copies are stored for browsers (tests/production/test_page_cache.py).
BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def guests_on(db):
    def switch(allowed=True, need_approval=False):
        GuestReactions.objects.update_or_create(
            site=Site.objects.get(is_default_site=True),
            defaults={"allowed": allowed, "need_approval": need_approval},
        )

    switch()
    return switch


def guest_data(
    post, comment="Mooi stuk, dank!", name="Gast Gerda", email="gerda@voorbeeld.test", follow=False, **extra
):
    data = reaction_data(post, comment, **extra)
    data.update({"name": name, "email": email})
    if follow:
        data["follow"] = "on"
    return data


def send(client, post, **kwargs):
    address = kwargs.pop("address", "192.0.2.10")
    return client.post(GUEST_URL, guest_data(post, **kwargs), REMOTE_ADDR=address)


def confirm_link():
    """The confirmation link from the last mail, as a path on the site."""
    body = mail.outbox[-1].body
    link = re.search(r"https?://\S+/reacties/gast/bevestigen/\S+/", body).group(0)
    return urlsplit(link).path


def guest_form(response):
    return soup(response).select_one(f"form[action='{GUEST_URL}']")


class TestTheSettingOff:
    def test_no_guest_form_and_the_log_in_link_as_before(self, client, post):
        response = client.get(post.url)
        assert guest_form(response) is None
        assert soup(response).select_one("#reageren a[href*='login']") is not None

    def test_a_guest_post_is_refused_with_a_clear_403(self, client, post, guests_on):
        guests_on(allowed=False)
        response = send(client, post)
        assert response.status_code == 403
        assert "Log in" in text_of(response) or "aangemeld" in text_of(response)
        assert not Reaction.objects.exists()
        assert not mail.outbox


class TestTheForm:
    def test_labelled_fields_and_no_session_token(self, client, post, guests_on):
        form = guest_form(client.get(post.url))
        assert form is not None
        for name in ("name", "email", "comment", "follow"):
            control = form.select_one(f"[name={name}]")
            assert form.select_one(f"label[for={control['id']}]") is not None, name
        assert form.select_one("[name=csrfmiddlewaretoken]") is None
        assert form.select_one("input[name=email]")["type"] == "email"

    def test_the_post_with_the_form_is_still_one_shared_copy(self, client, post, guests_on, settings):
        settings.PAGE_CACHE_SECONDS = 600
        cache.clear()  # the set-up's purges are behind us, as in tests/production/test_page_cache.py
        answers = [Client().get(post.url, HTTP_USER_AGENT=BROWSER) for _ in range(3)]
        shared = answers[-1]
        assert shared["X-Cache"] == "HIT", [answer["X-Cache"] for answer in answers]
        assert guest_form(shared) is not None
        assert "csrftoken" not in shared.cookies

    def test_members_get_their_own_form_not_the_guest_form(self, client, post, member, guests_on):
        client.force_login(member)
        page = client.get(post.url)
        assert guest_form(page) is None
        assert soup(page).select_one("form[action='/reacties/plaatsen/']") is not None

    def test_the_privacy_statement_is_linked_when_the_site_has_one(self, client, post, guests_on, home):
        assert soup(client.get(post.url)).select_one(".guest-reaction-form a") is None
        privacy = home.add_child(instance=AboutPage(title="Privacyverklaring", slug="privacy", footer_role="privacy"))
        privacy.save_revision().publish()
        link = soup(client.get(post.url)).select_one(".guest-reaction-form a")
        assert link is not None and link["href"] == privacy.url


class TestConfirming:
    def test_the_whole_flow_form_mail_link_visible(self, client, post, guests_on):
        response = send(client, post, follow=True)
        assert response.status_code == 302
        sent = client.get(response["Location"])
        assert "e-mail" in text_of(sent).lower()

        reaction = Reaction.objects.get()
        assert reaction.is_unconfirmed and not reaction.is_public
        [message] = mail.outbox
        assert message.to == ["gerda@voorbeeld.test"]
        assert Mail.objects.filter(event=f"guest-reaction:{reaction.pk}").count() == 1

        # Unconfirmed: on no page, in no count, in no search.
        page = client.get(post.url)
        assert "Mooi stuk, dank!" not in text_of(page)
        assert reaction_count(post) == 0 and reaction_counts([post]) == {post.pk: 0}
        search = client.get("/nl/zoeken/", {"q": "Mooi stuk", "tab": "reactions"})
        assert "Mooi stuk, dank!" not in text_of(search)

        link = confirm_link()
        landing = client.get(link)
        assert landing.status_code == 200
        assert Reaction.objects.get().is_unconfirmed, "opening the link only shows the button"
        confirmed = client.post(link)
        assert confirmed.status_code == 302
        assert urlsplit(confirmed["Location"]).path == post.url
        assert confirmed["Location"].endswith(f"#reactie-{reaction.pk}")

        page = client.get(post.url)
        shown = soup(page).select_one(f"#reactie-{reaction.pk}")
        assert "Mooi stuk, dank!" in shown.get_text()
        assert "Gast Gerda" in shown.get_text()
        assert shown.select_one(".badge--guest") is not None
        assert "gerda@voorbeeld.test" not in page.content.decode()
        assert reaction_count(post) == 1
        assert GuestFollow.objects.filter(email="gerda@voorbeeld.test", translation_key=post.translation_key).exists()

    def test_confirming_purges_the_shared_copy(self, client, post, guests_on, settings):
        settings.PAGE_CACHE_SECONDS = 600
        send(client, post)
        cache.clear()  # the set-up's purges are behind us, as in tests/production/test_page_cache.py
        for _ in range(2):
            assert "Mooi stuk, dank!" not in text_of(Client().get(post.url, HTTP_USER_AGENT=BROWSER))
        assert Client().get(post.url, HTTP_USER_AGENT=BROWSER)["X-Cache"] == "HIT"
        client.post(confirm_link())
        fresh = Client().get(post.url, HTTP_USER_AGENT=BROWSER)
        assert fresh["X-Cache"] == "MISS"
        assert "Mooi stuk, dank!" in text_of(fresh)

    def test_with_approval_it_waits_for_a_moderator(self, client, post, guests_on):
        guests_on(need_approval=True)
        send(client, post)
        response = client.post(confirm_link())
        assert response.status_code == 200
        assert "moderator" in text_of(response)
        reaction = Reaction.objects.get()
        assert reaction.confirmed_at is not None and reaction.awaiting_approval and not reaction.is_public
        assert "Mooi stuk, dank!" not in text_of(client.get(post.url))

        moderator = member_of("Moderators", display_name="Mo Derator")
        client.force_login(moderator)
        listing = client.get("/admin/reactions/", {"awaiting_approval": "true"})
        assert "Gast Gerda (guest)" in text_of(listing) or "Gast Gerda (gast)" in text_of(listing)
        assert "gerda@voorbeeld.test" not in listing.content.decode()
        approved = client.post(f"/admin/reactions/edit/{reaction.pk}/", {"is_public": "on"})
        assert approved.status_code == 302
        reaction.refresh_from_db()
        assert reaction.is_public and not reaction.awaiting_approval
        client.logout()
        assert "Mooi stuk, dank!" in text_of(client.get(post.url))

    def test_using_the_link_twice_is_harmless(self, client, post, guests_on):
        send(client, post, follow=True)
        link = confirm_link()
        client.post(link)
        again = client.post(link)
        assert again.status_code == 200
        assert Reaction.objects.count() == 1 and GuestFollow.objects.count() == 1
        assert client.get(link).status_code == 200

    def test_a_forged_or_changed_link_is_a_400(self, client, post, guests_on):
        send(client, post)
        link = confirm_link()
        token = link.rstrip("/").rsplit("/", 1)[1]
        for bad in [token[:-2] + "xx", "nep", signing.dumps({"r": 1, "l": "nl"}, salt="iets-anders"), "a" * 3000]:
            response = client.get(f"/reacties/gast/bevestigen/{bad}/")
            assert response.status_code == 400, bad
            assert "not valid" in text_of(response) or "niet geldig" in text_of(response)
        forged = signing.dumps({"r": "x", "l": "nl"}, salt=CONFIRM_SALT)
        assert client.post(f"/reacties/gast/bevestigen/{forged}/").status_code == 400
        assert Reaction.objects.get().is_unconfirmed

    def test_an_expired_link_is_a_410(self, client, post, guests_on, monkeypatch, settings):
        send(client, post)
        reaction = Reaction.objects.get()
        long_ago = time.time() - (settings.GUEST_CONFIRMATION_DAYS + 1) * 86400
        with monkeypatch.context() as patch:
            patch.setattr(signing.time, "time", lambda: long_ago)
            token = signing.dumps({"r": reaction.pk, "l": "nl"}, salt=CONFIRM_SALT)
        response = client.post(f"/reacties/gast/bevestigen/{token}/")
        assert response.status_code == 410
        assert Reaction.objects.get().is_unconfirmed

    def test_a_removed_reaction_cannot_be_confirmed(self, client, post, guests_on):
        send(client, post)
        link = confirm_link()
        Reaction.objects.all().delete()
        assert client.post(link).status_code == 410


class TestRefusals:
    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("name", "", "Fill in your name"),
            ("name", "   ", "Fill in your name"),
            ("name", "G" * 51, "at most 50"),
            ("name", "Gerda <b>Admin</b>", "Use letters"),
            ("name", "x'; DROP TABLE django_comments; --", "Use letters"),
            ("email", "", "Fill in your e-mail"),
            ("email", "geen-adres", "not an e-mail address"),
            ("email", "a@" + "b" * 260 + ".nl", "too long"),
            ("email", "<script>@x.nl", "not an e-mail address"),
            ("comment", "", "empty"),
            ("comment", "x" * 5001, "at most 5000"),
        ],
    )
    def test_wrong_values_are_a_400_that_keeps_what_was_typed(
        self, client, post, guests_on, settings, field, value, message
    ):
        settings.LANGUAGE_CODE = "en"
        values = {"name": "Gast Gerda", "email": "gerda@voorbeeld.test", "comment": "Mijn tekst", field: value}
        response = client.post(
            GUEST_URL, guest_data(post, **values, next_url=post.url.replace("/nl/", "/en/", 1)), REMOTE_ADDR="192.0.2.1"
        )
        assert response.status_code == 400
        assert message in text_of(response)
        form = guest_form(response)
        kept = {"name": form.select_one("[name=name]").get("value", ""), "email": form.select_one("[name=email]")}
        if field != "name":
            assert kept["name"] == "Gast Gerda"
        if field != "comment":
            assert form.select_one("[name=comment]").get_text().strip() == "Mijn tekst"
        assert not Reaction.objects.exists()

    def test_hostile_text_and_name_are_shown_as_text(self, client, post, guests_on):
        send(client, post, name="Gerda (Test) O'Neil", comment="<script>alert(1)</script> ' OR 1=1; --")
        client.post(confirm_link())
        page = client.get(post.url).content.decode()
        assert "<script>alert(1)</script>" not in page
        assert "' OR 1=1; --" in text_of(client.get(post.url))
        assert "Gerda (Test) O&#x27;Neil" in page or "Gerda (Test) O&#39;Neil" in page

    def test_a_form_from_another_site_is_refused(self, client, post, guests_on):
        response = client.post(GUEST_URL, guest_data(post), HTTP_ORIGIN="https://kwaadwillend.example")
        assert response.status_code == 403
        assert not Reaction.objects.exists()

    def test_the_same_site_origin_is_fine(self, client, post, guests_on):
        response = client.post(GUEST_URL, guest_data(post), HTTP_ORIGIN="http://testserver")
        assert response.status_code == 302

    def test_a_changed_form_is_a_400(self, client, post, other_post, guests_on):
        data = guest_data(post)
        data["object_pk"] = str(other_post.pk)
        assert client.post(GUEST_URL, data).status_code == 400
        data = guest_data(post, security_hash="0" * 40)
        response = client.post(GUEST_URL, data)
        assert response.status_code == 400
        assert "too old" in text_of(response) or "te oud" in text_of(response)

    def test_replies_from_guests_are_refused(self, client, post, member, guests_on):
        top = make_reaction(post, member)
        response = client.post(GUEST_URL, guest_data(post, reply_to=top.pk))
        assert response.status_code == 400
        assert Reaction.objects.count() == 1

    def test_not_on_posts_for_members_only_nor_closed_ones(self, client, group, author, guests_on):
        members_only = BlogPageFactory(parent=group, author=author, access_level="logged_in")
        assert client.post(GUEST_URL, guest_data(members_only)).status_code == 400
        assert not Reaction.objects.exists()

    def test_a_logged_in_member_uses_their_own_form(self, client, post, member, guests_on):
        client.force_login(member)
        assert client.post(GUEST_URL, guest_data(post)).status_code == 400

    def test_get_is_not_allowed(self, client, guests_on):
        assert client.get(GUEST_URL).status_code == 405


class TestRateLimits:
    def test_per_e_mail_address(self, client, post, guests_on, settings):
        settings.GUEST_REACTIONS_PER_ADDRESS = 2
        for n in range(2):
            assert send(client, post, comment=f"Reactie {n}", address=f"198.51.{n}.1").status_code == 302
        response = send(client, post, comment="Nog een", email="GERDA@voorbeeld.test", address="203.0.113.5")
        assert response.status_code == 429
        assert "hour" in text_of(response) or "uur" in text_of(response)
        assert "Nog een" in guest_form(response).select_one("[name=comment]").get_text()
        assert send(client, post, email="ander@voorbeeld.test", address="203.0.113.6").status_code == 302

    @pytest.mark.parametrize(
        ("first", "same_network", "other_network"),
        [
            ("192.0.2.1", "192.0.2.200", "192.0.3.1"),
            ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:3::1"),
        ],
    )
    def test_per_network(self, client, post, guests_on, settings, first, same_network, other_network):
        settings.GUEST_REACTIONS_PER_NETWORK = 2
        assert send(client, post, email="a@voorbeeld.test", address=first).status_code == 302
        assert send(client, post, email="b@voorbeeld.test", address=same_network).status_code == 302
        assert send(client, post, email="c@voorbeeld.test", address=same_network).status_code == 429
        assert send(client, post, email="d@voorbeeld.test", address=other_network).status_code == 302


class TestFollowingByEmail:
    def test_a_guest_who_follows_gets_new_reactions_and_can_stop(self, client, post, member, guests_on):
        send(client, post, follow=True)
        client.post(confirm_link())
        mail.outbox.clear()

        client.force_login(member)
        client.post(POST_URL, reaction_data(post, "Een lid reageert"))
        to_guest = [message for message in mail.outbox if message.to == ["gerda@voorbeeld.test"]]
        assert len(to_guest) == 1
        assert "Een lid reageert" in to_guest[0].body
        stop = re.search(r"https?://\S+/reacties/gast/stoppen/\S+/", to_guest[0].body).group(0)
        assert to_guest[0].extra_headers["List-Unsubscribe"] == f"<{stop}>"

        client.logout()
        assert client.post(urlsplit(stop).path).status_code == 200
        assert not GuestFollow.objects.exists()
        assert client.get(urlsplit(stop).path).status_code == 200, "a second click changes nothing"
        assert client.get("/reacties/gast/stoppen/vervalst/").status_code == 400

    def test_a_guest_who_did_not_ask_is_no_follower(self, client, post, guests_on):
        send(client, post, follow=False)
        client.post(confirm_link())
        assert not GuestFollow.objects.exists()


class TestRemovingUnconfirmed:
    def test_the_job_removes_only_expired_unconfirmed_ones(self, client, post, member, guests_on, settings):
        send(client, post, comment="Oud", email="oud@voorbeeld.test")
        send(client, post, comment="Nieuw", email="nieuw@voorbeeld.test")
        send(client, post, comment="Bevestigd", email="bevestigd@voorbeeld.test")
        client.post(confirm_link())
        old = timezone.now() - timedelta(days=settings.GUEST_CONFIRMATION_DAYS, hours=1)
        Reaction.objects.filter(comment__in=["Oud", "Bevestigd"]).update(submit_date=old)
        make_reaction(post, member, "Van een lid", when=old)

        assert remove_unconfirmed() == 1
        assert sorted(Reaction.objects.values_list("comment", flat=True)) == ["Bevestigd", "Nieuw", "Van een lid"]

    def test_the_job_is_a_periodic_job(self, settings):
        assert ("engagement.guests.remove_unconfirmed", 24 * 60 * 60) in settings.PERIODIC_JOBS.values()
