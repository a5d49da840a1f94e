"""Each event reaches the members who should hear of it, once, as their preference for
its kind says, and never a member who may not read what it is about."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.test import Client
from django.urls import reverse

from taggit.models import Tag

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from engagement.following import notify_followers
from engagement.guests import store_guest_reaction
from engagement.models import Follow
from engagement.reactions import store_reaction
from groups import membership
from groups.mails import mail_members_about_post
from notifications.events import notify, stop_kind_token
from notifications.follows import follow_person, follow_tag
from notifications.models import Kind, Notification, Preference
from tests.engagement.helpers import verified_member
from tests.groups.helpers import add_member

pytestmark = pytest.mark.django_db
Role = Membership.Role


def told(kind, **filters):
    return sorted(Notification.objects.filter(kind=kind, **filters).values_list("recipient__email", flat=True))


def follow(user, post):
    Follow.objects.get_or_create(user=user, translation_key=post.translation_key)


def choose(user, kind, channel):
    Preference.objects.update_or_create(user=user, kind=kind, defaults={"channel": channel})


class TestReactions:
    def test_each_follower_but_the_reactions_author_is_told_once(self, post, author, bram, cor):
        for member in (author, bram, cor):
            follow(member, post)
        reaction = store_reaction(post, cor, "Wat vinden jullie?")
        notify_followers(reaction, post)
        notify_followers(reaction, post)  # a task run again
        assert told(Kind.REACTION, reaction_id=reaction.pk) == ["anouk@samen.test", "bram@samen.test"]
        assert Notification.objects.filter(reaction_id=reaction.pk).count() == 2
        assert sorted(m.to[0] for m in mail.outbox) == ["anouk@samen.test", "bram@samen.test"]

    def test_a_follower_who_may_not_read_the_post_is_not_told(self, group, author, bram, cor):
        secret = BlogPageFactory(parent=group, author=author, access_level="owner", title="Notitie")
        follow(bram, secret)
        notify_followers(store_reaction(secret, author, "Voor mezelf"), secret)
        assert not Notification.objects.exists()

    def test_a_reply_tells_the_parents_author_as_a_reply(self, post, author, bram, cor):
        for member in (author, bram, cor):
            follow(member, post)
        parent = store_reaction(post, bram, "Eerste")
        reply = store_reaction(post, cor, "Antwoord", parent_id=parent.pk)
        notify_followers(reply, post)
        assert told(Kind.REPLY) == ["bram@samen.test"]
        assert told(Kind.REACTION) == ["anouk@samen.test"]

    def test_a_mention_tells_the_member_once_as_a_mention_not_as_a_follower(self, post, author, bram, cor):
        for member in (author, bram):
            follow(member, post)
        reaction = store_reaction(post, cor, f"Wat denk jij, @[Bram Lid]({bram.pk})? En @[Cor Lid]({cor.pk})")
        notify_followers(reaction, post)
        notify_followers(reaction, post)  # a task run again
        assert told(Kind.MENTION) == ["bram@samen.test"]
        assert told(Kind.REACTION) == ["anouk@samen.test"]
        [notice] = [m for m in mail.outbox if m.to == ["bram@samen.test"]]
        assert "Cor Lid" in notice.body and f"#reactie-{reaction.pk}" in notice.body

    def test_a_mention_of_someone_who_may_not_read_the_post_tells_nobody(self, group, closed_group, author):
        outsider = add_member(closed_group, Role.MEMBER, display_name="Buiten", email="buiten@samen.test")
        secret = BlogPageFactory(parent=group, author=author, access_level="owner", title="Notitie")
        notify_followers(store_reaction(secret, author, f"Kijk eens, @[Buiten]({outsider.pk})"), secret)
        assert not Notification.objects.filter(kind=Kind.MENTION).exists()
        assert not mail.outbox

    def test_a_guests_mention_tells_nobody(self, post, bram):
        reaction = store_guest_reaction(post, "Gast", "gast@example.org", f"Hallo @[Bram Lid]({bram.pk})")
        reaction.is_public = True
        reaction.save(update_fields=["is_public"])
        notify_followers(reaction, post)
        assert not Notification.objects.filter(kind=Kind.MENTION).exists()

    def test_a_reaction_hidden_or_removed_takes_its_notifications_along(self, post, author, bram):
        follow(bram, post)
        reaction = store_reaction(post, author, "Weg ermee")
        notify_followers(reaction, post)
        assert Notification.objects.count() == 1
        reaction.is_removed = True
        reaction.save(update_fields=["is_removed"])
        assert not Notification.objects.exists()

    @pytest.mark.parametrize(
        ("channel", "rows", "digest", "mails"),
        [("site", 1, False, 0), ("mail", 1, False, 1), ("digest", 1, True, 0), ("off", 0, False, 0)],
    )
    def test_the_members_preference_is_obeyed(self, post, author, bram, channel, rows, digest, mails):
        follow(bram, post)
        choose(bram, Kind.REACTION, channel)
        notify_followers(store_reaction(post, author, "Hallo"), post)
        assert Notification.objects.filter(recipient=bram).count() == rows
        assert Notification.objects.filter(recipient=bram, for_digest=True).exists() == digest
        assert len(mail.outbox) == mails

    def test_a_preference_for_another_kind_changes_nothing(self, post, author, bram):
        follow(bram, post)
        choose(bram, Kind.NEW_POST, "off")
        notify_followers(store_reaction(post, author, "Hallo"), post)
        assert told(Kind.REACTION) == ["bram@samen.test"]


class TestNewPosts:
    def test_members_with_the_switch_on_and_followers_of_the_author_and_tags_each_once(
        self, group, other_group, post, author, bram, cor
    ):
        Membership.objects.filter(user=cor).update(notify_posts=False)
        outsider = verified_member(display_name="Dirk Buiten", email="dirk@samen.test")
        tag_fan = verified_member(display_name="Eva Tags", email="eva@samen.test")
        tag = Tag.objects.create(name="leren", slug="leren")
        follow_person(outsider, author)
        follow_person(bram, author)  # a member and a follower: once
        follow_tag(tag_fan, tag)
        mail_members_about_post(post, group, [tag.pk])
        mail_members_about_post(post, group, [tag.pk])
        assert told(Kind.NEW_POST) == ["bram@samen.test", "dirk@samen.test", "eva@samen.test"]
        assert sorted(m.to[0] for m in mail.outbox) == ["bram@samen.test", "dirk@samen.test", "eva@samen.test"]
        to_dirk = next(m for m in mail.outbox if m.to == ["dirk@samen.test"])
        assert "/meldingen/stoppen/" in to_dirk.extra_headers["List-Unsubscribe"]
        to_bram = next(m for m in mail.outbox if m.to == ["bram@samen.test"])
        assert "/lidmaatschap/stoppen/" in to_bram.extra_headers["List-Unsubscribe"]

    def test_a_post_in_a_closed_group_reaches_no_follower_outside_it(self, closed_group, bram):
        writer = add_member(closed_group, Role.MEMBER, display_name="Gesloten Schrijver", email="gs@samen.test")
        follow_person(bram, writer)
        post = BlogPageFactory(parent=closed_group, author=writer, title="Binnenskamers")
        mail_members_about_post(post, closed_group)
        assert told(Kind.NEW_POST) == []

    def test_publishing_a_tagged_post_tells_the_tags_followers(self, group, author):
        fan = verified_member(display_name="Eva Tags", email="eva@samen.test")
        tag = Tag.objects.create(name="leren", slug="leren")
        follow_tag(fan, tag)
        draft = BlogPageFactory(parent=group, author=author, live=False, title="Met een tag")
        draft.tags.add(tag)
        draft.save_revision().publish()
        assert told(Kind.NEW_POST) == ["eva@samen.test"]


class TestGroups:
    def test_a_request_tells_the_managers_and_the_answer_the_requester(self, closed_group):
        owner = add_member(closed_group, Role.OWNER, display_name="Olga Eigenaar", email="olga@samen.test")
        admin = add_member(closed_group, Role.ADMIN, display_name="Ad Beheer", email="ad@samen.test")
        add_member(closed_group, Role.MEMBER, display_name="Gewoon Lid", email="lid@samen.test")
        asker = verified_member(display_name="Vera Vraagt", email="vera@samen.test")
        membership.join(asker, closed_group, "Mag ik erbij?")
        assert told(Kind.JOIN_REQUEST) == ["ad@samen.test", "olga@samen.test"]
        membership.manage(owner, closed_group, asker.pk, "accept")
        [decision] = Notification.objects.filter(kind=Kind.JOIN_DECISION)
        assert (decision.recipient, decision.actor, decision.outcome) == (asker, owner, "accepted")
        assert admin.pk != asker.pk


class TestReview:
    def test_approval_and_sending_back_tell_the_author(self, group, author, bram):
        draft = BlogPageFactory(parent=group, author=author, live=False, title="Ter beoordeling")
        notify(Kind.POST_REVIEW, [author], actor=bram, page=draft, outcome="sent-back")
        [sent_back] = Notification.objects.filter(kind=Kind.POST_REVIEW)
        assert sent_back.outcome == "sent-back"
        notify(Kind.POST_REVIEW, [author], actor=bram, page=draft, outcome="approved")
        [approved] = Notification.objects.filter(kind=Kind.POST_REVIEW)
        assert approved.outcome == "approved" and approved.read_at is None


class TestStopLink:
    def test_the_one_click_link_turns_that_kind_off(self, bram):
        client = Client(enforce_csrf_checks=True)
        response = client.post(f"/meldingen/stoppen/{stop_kind_token(bram, Kind.REACTION)}/")
        assert response.status_code == 200
        assert Preference.objects.get(user=bram, kind=Kind.REACTION).channel == "off"

    @pytest.mark.parametrize("token", ["rommel", "x" * 5000, "<script>alert(1)</script>", "1' OR '1'='1"])
    def test_a_forged_link_is_refused(self, client, token):
        response = client.get(f"/meldingen/stoppen/{token}/")
        assert response.status_code in (400, 404)
        assert not Preference.objects.exists()


def test_a_mail_at_once_reaches_the_smtp_server_with_a_stop_link_that_works(post, author, bram, smtp_delivery):
    follow(bram, post)
    reaction = store_reaction(post, author, "Door de echte server")
    notify_followers(reaction, post)
    [received] = [r for r in smtp_delivery.received if "bram@samen.test" in r.rcpt_tos]
    body = received.message.get_payload(0).get_payload(decode=True).decode()
    stop = re.search(r"https?://\S+/meldingen/stoppen/\S+/", body).group(0)
    assert Client().post(urlsplit(stop).path).status_code == 200
    assert Preference.objects.get(user=bram, kind=Kind.REACTION).channel == "off"
    smtp_delivery.received.clear()
    notify_followers(store_reaction(post, author, "Nog een"), post)
    assert not [r for r in smtp_delivery.received if "bram@samen.test" in r.rcpt_tos]
    assert reverse("notifications:list")
