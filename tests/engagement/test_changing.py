"""Editing, removing, reporting and closing reactions."""

from urllib.parse import urlsplit

from django.contrib.auth.models import Group

import pytest
from django_comments.models import CommentFlag

from engagement.models import Reaction, ReactionSwitch

from .helpers import (
    POST_URL,
    final_response,
    make_reaction,
    member_of,
    reaction_data,
    reply_ids,
    soup,
    text_of,
    thread_ids,
    verified_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    return member_of("Moderators", email="moderator@samen.test", display_name="Mod Erator")


@pytest.fixture
def reaction(post, member):
    return make_reaction(post, member, "Oorspronkelijke tekst")


def edit_url(reaction):
    return f"/reacties/{reaction.pk}/bewerken/"


def delete_url(reaction):
    return f"/reacties/{reaction.pk}/verwijderen/"


def flag_url(reaction):
    return f"/reacties/{reaction.pk}/melden/"


def close_url(post):
    return f"/reacties/sluiten/{post.pk}/"


def assert_sent_to_login(response):
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == "/nl/account/login/"


class TestEdit:
    def test_author_edits_their_reaction(self, client, post, member, reaction):
        client.force_login(member)
        form = client.get(edit_url(reaction), {"next": post.url})
        assert form.status_code == 200
        assert soup(form).select_one("textarea[name=comment]").get_text().strip() == "Oorspronkelijke tekst"

        response = client.post(edit_url(reaction), {"comment": "Verbeterde tekst", "next": post.url})
        assert response.status_code == 302
        assert response["Location"] == f"{post.url}#reactie-{reaction.pk}"
        reaction.refresh_from_db()
        assert reaction.comment == "Verbeterde tekst"
        assert reaction.edited_at is not None

        item = soup(client.get(post.url)).select_one(f"#reactie-{reaction.pk}")
        assert "Verbeterde tekst" in item.select_one(".reaction__body").get_text()
        assert "bewerkt" in item.select_one(".reaction__meta").get_text()

    def test_editing_does_not_bring_back_a_hidden_reply(self, client, post, member, other_member, reaction):
        hidden = make_reaction(post, other_member, "Verborgen antwoord", parent=reaction)
        Reaction.objects.filter(pk=hidden.pk).update(is_public=False)
        client.force_login(member)
        client.post(edit_url(reaction), {"comment": "Verbeterde tekst"})
        hidden.refresh_from_db()
        assert not hidden.is_public
        assert "Verborgen antwoord" not in client.get(post.url).content.decode()

    def test_unedited_reaction_is_not_marked_edited(self, client, post, reaction):
        item = soup(client.get(post.url)).select_one(f"#reactie-{reaction.pk}")
        assert "bewerkt" not in item.select_one(".reaction__meta").get_text()

    def test_empty_edit_is_refused(self, client, member, reaction):
        client.force_login(member)
        response = client.post(edit_url(reaction), {"comment": "   "})
        assert response.status_code == 400
        assert "Je reactie is leeg" in text_of(response)
        reaction.refresh_from_db()
        assert reaction.comment == "Oorspronkelijke tekst" and reaction.edited_at is None

    def test_too_long_edit_is_refused(self, client, member, reaction):
        client.force_login(member)
        response = client.post(edit_url(reaction), {"comment": "x" * 5001})
        assert response.status_code == 400
        reaction.refresh_from_db()
        assert reaction.comment == "Oorspronkelijke tekst"

    def test_someone_else_gets_403(self, client, other_member, reaction):
        client.force_login(other_member)
        assert client.get(edit_url(reaction)).status_code == 403
        assert client.post(edit_url(reaction), {"comment": "Gekaapt"}).status_code == 403
        reaction.refresh_from_db()
        assert reaction.comment == "Oorspronkelijke tekst"

    def test_the_posts_author_cannot_edit_a_readers_reaction(self, client, author, reaction):
        client.force_login(author)
        assert client.post(edit_url(reaction), {"comment": "Gekaapt"}).status_code == 403

    def test_anonymous_is_sent_to_log_in(self, client, reaction):
        assert_sent_to_login(client.get(edit_url(reaction)))
        assert_sent_to_login(client.post(edit_url(reaction), {"comment": "Anoniem"}))
        reaction.refresh_from_db()
        assert reaction.comment == "Oorspronkelijke tekst"

    def test_moderator_edits_someone_elses_reaction(self, client, moderator, reaction):
        client.force_login(moderator)
        assert client.post(edit_url(reaction), {"comment": "Gemodereerd"}).status_code == 302
        reaction.refresh_from_db()
        assert reaction.comment == "Gemodereerd"

    def test_edit_links_shown_to_author_and_moderator_only(
        self, client, post, member, other_member, moderator, reaction
    ):
        def edit_link(user):
            client.force_login(user)
            return soup(client.get(post.url)).select_one(f'#reactie-{reaction.pk} a[href^="{edit_url(reaction)}"]')

        assert edit_link(member) is not None
        assert edit_link(moderator) is not None
        assert edit_link(other_member) is None

    def test_unsafe_next_is_ignored(self, client, post, member, reaction):
        client.force_login(member)
        response = client.post(edit_url(reaction), {"comment": "Nieuw", "next": "//evil.example/"})
        assert response["Location"] == f"{post.url}#reactie-{reaction.pk}"

    def test_unknown_reaction_is_404(self, client, member):
        client.force_login(member)
        assert final_response(client, "get", "/reacties/987654/bewerken/").status_code == 404


class TestDelete:
    def test_removing_a_reaction_with_replies_leaves_a_placeholder(self, client, post, member, other_member, reaction):
        reply = make_reaction(post, other_member, "Een antwoord", parent=reaction)
        client.force_login(member)
        assert client.get(delete_url(reaction)).status_code == 200
        response = client.post(delete_url(reaction), {"next": post.url})
        assert response.status_code == 302
        assert response["Location"] == f"{post.url}#reacties"
        reaction.refresh_from_db()
        assert reaction.is_removed

        client.logout()
        page = client.get(post.url)
        item = soup(page).select_one(f"#reactie-{reaction.pk}")
        assert item.select_one(".reaction__removed").get_text(strip=True) == "Reactie verwijderd"
        assert "Oorspronkelijke tekst" not in page.content.decode()
        assert reply_ids(page) == [reply.pk]
        assert "Een antwoord" in item.get_text()
        reply.refresh_from_db()
        assert reply.is_public and not reply.is_removed

    def test_removing_a_reaction_without_replies_takes_it_off_the_page(self, client, post, member, reaction):
        client.force_login(member)
        client.post(delete_url(reaction))
        page = client.get(post.url)
        assert thread_ids(page) == []
        assert "Oorspronkelijke tekst" not in page.content.decode()
        assert "Reactie verwijderd" not in text_of(page)
        assert soup(page).select_one("#reactions-heading").get_text(strip=True) == "Reacties (0)"

    def test_placeholder_goes_once_its_replies_are_removed_too(self, client, post, member, other_member, reaction):
        reply = make_reaction(post, other_member, "Een antwoord", parent=reaction)
        Reaction.objects.filter(pk__in=[reaction.pk, reply.pk]).update(is_removed=True)
        assert thread_ids(client.get(post.url)) == []

    def test_someone_else_gets_403(self, client, other_member, reaction):
        client.force_login(other_member)
        assert client.get(delete_url(reaction)).status_code == 403
        assert client.post(delete_url(reaction)).status_code == 403
        reaction.refresh_from_db()
        assert not reaction.is_removed

    def test_anonymous_is_sent_to_log_in(self, client, reaction):
        assert_sent_to_login(client.post(delete_url(reaction)))
        reaction.refresh_from_db()
        assert not reaction.is_removed

    def test_moderator_removes_someone_elses_reaction(self, client, moderator, reaction):
        client.force_login(moderator)
        assert client.post(delete_url(reaction)).status_code == 302
        reaction.refresh_from_db()
        assert reaction.is_removed

    def test_a_removed_reaction_cannot_be_edited(self, client, member, reaction):
        reaction.is_removed = True
        reaction.save()
        client.force_login(member)
        assert client.post(edit_url(reaction), {"comment": "Terug"}).status_code == 403


class TestFlag:
    def test_reporting_creates_one_flag_per_member(self, client, post, other_member, reaction):
        client.force_login(other_member)
        response = client.post(flag_url(reaction), {"next": post.url})
        assert response.status_code == 200
        client.post(flag_url(reaction), {"next": post.url})
        flags = CommentFlag.objects.filter(comment=reaction)
        assert flags.count() == 1
        flag = flags.get()
        assert flag.user == other_member and flag.flag == CommentFlag.SUGGEST_REMOVAL

    def test_two_members_make_two_flags(self, client, author, other_member, reaction):
        for user in (author, other_member):
            client.force_login(user)
            client.post(flag_url(reaction))
        assert CommentFlag.objects.filter(comment=reaction, flag=CommentFlag.SUGGEST_REMOVAL).count() == 2

    def test_anonymous_is_sent_to_log_in(self, client, reaction):
        assert_sent_to_login(client.post(flag_url(reaction)))
        assert not CommentFlag.objects.exists()

    def test_get_does_not_flag(self, client, other_member, reaction):
        client.force_login(other_member)
        assert client.get(flag_url(reaction)).status_code == 405
        assert not CommentFlag.objects.exists()

    def test_a_hidden_reaction_cannot_be_reported(self, client, other_member, reaction):
        reaction.is_public = False
        reaction.save()
        client.force_login(other_member)
        assert final_response(client, "post", flag_url(reaction)).status_code == 404
        assert not CommentFlag.objects.exists()


class TestClosing:
    def test_author_closes_then_posting_is_refused(self, client, post, author, member):
        client.force_login(author)
        response = client.post(close_url(post), {"action": "close", "next": post.url})
        assert response.status_code == 302
        assert ReactionSwitch.objects.get(translation_key=post.translation_key).closed

        client.force_login(member)
        page = client.get(post.url)
        box = soup(page).select_one("#reageren")
        assert "Reageren op dit bericht is gesloten." in box.get_text()
        assert box.select_one("form") is None
        assert soup(page).select(".reaction__reply") == []

        refused = client.post(POST_URL, reaction_data(post, "Toch nog mijn mening"))
        assert refused.status_code == 403
        assert "Reageren op dit bericht is gesloten." in text_of(refused)
        assert soup(refused).select_one("textarea#kept-text").get_text() == "Toch nog mijn mening"
        assert not Reaction.objects.exists()

    def test_author_reopens(self, client, post, author, member):
        client.force_login(author)
        client.post(close_url(post), {"action": "close"})
        client.post(close_url(post), {"action": "open"})
        client.force_login(member)
        assert client.post(POST_URL, reaction_data(post, "Weer open")).status_code == 302

    def test_an_editor_can_close(self, client, post, moderator):
        client.force_login(moderator)
        assert client.post(close_url(post), {"action": "close"}).status_code == 302
        assert ReactionSwitch.objects.get(translation_key=post.translation_key).closed

    def test_a_wagtail_editor_can_close(self, client, post):
        editor = verified_member(email="redacteur@samen.test")
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
        assert client.post(close_url(post), {"action": "close"}).status_code == 302
        assert ReactionSwitch.objects.get(translation_key=post.translation_key).closed

    def test_others_get_403(self, client, post, member):
        client.force_login(member)
        assert client.post(close_url(post), {"action": "close"}).status_code == 403
        assert not ReactionSwitch.objects.filter(closed=True).exists()

    def test_anonymous_is_sent_to_log_in(self, client, post):
        assert_sent_to_login(client.post(close_url(post), {"action": "close"}))
        assert not ReactionSwitch.objects.exists()

    def test_close_button_only_for_author_and_editors(self, client, post, author, member, moderator):
        def button(user):
            client.force_login(user)
            return soup(client.get(post.url)).select_one(f'form[action="{close_url(post)}"]')

        assert button(author) is not None
        assert button(moderator) is not None
        assert button(member) is None
