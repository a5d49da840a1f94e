"""The bell, the notifications page, the settings page and the follow buttons: what a
member sees, and every POST endpoint against wrong, foreign and hostile input."""

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from taggit.models import Tag

import pytest
from bs4 import BeautifulSoup

from access.models import Membership
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from engagement.following import notify_followers
from engagement.models import Follow
from engagement.reactions import store_reaction
from groups.rights import set_up_group
from notifications.models import DigestSettings, Kind, Notification, PersonFollow, Preference, TagFollow
from tests.groups.helpers import add_member
from tests.groups.test_group_writing import add_url, post_form
from tests.groups.test_workflow_mails import reject_url

pytestmark = pytest.mark.django_db
Role = Membership.Role
LIST = "/nl/meldingen/"


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def react(post, who, followers, times=1):
    for member in followers:
        Follow.objects.get_or_create(user=member, translation_key=post.translation_key)
    for n in range(times):
        notify_followers(store_reaction(post, who, f"Reactie {n}"), post)


def test_the_bell_counts_unread_notifications_with_a_label(client, post, author, bram):
    react(post, author, [bram], times=3)
    client.force_login(bram)
    bell = soup(client.get(reverse("notifications:list"))).select_one(".notification-bell")
    assert bell["href"] == reverse("notifications:list")
    assert "3 unread notifications" in bell.get_text() or "3 ongelezen meldingen" in bell.get_text()


def test_no_bell_for_anonymous_readers(client, post):
    assert not soup(client.get(post.url)).select(".notification-bell")


def test_the_page_needs_log_in(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_reactions_on_one_post_are_one_line_linking_to_the_newest(client, post, author, bram):
    react(post, author, [bram], times=3)
    client.force_login(bram)
    [line] = soup(client.get(reverse("notifications:list"))).select(".notification")
    newest = Notification.objects.latest("pk")
    assert "3" in line.get_text() and "Samen leren" in line.get_text()
    opened = client.get(line.select_one("a")["href"])
    assert opened.status_code == 302 and opened["Location"] == f"{post.url}#reactie-{newest.reaction_id}"


def test_what_the_member_may_no_longer_read_is_not_shown(client, closed_group):
    writer = add_member(closed_group, Role.MEMBER, display_name="Schrijver", email="s@samen.test")
    leaver = add_member(closed_group, Role.MEMBER, display_name="Vertrekker", email="v@samen.test")
    post = BlogPageFactory(parent=closed_group, author=writer, title="Binnenskamers")
    react(post, writer, [leaver])
    assert Notification.objects.filter(recipient=leaver).count() == 1
    Membership.objects.filter(user=leaver).delete()
    client.force_login(leaver)
    page = soup(client.get(reverse("notifications:list")))
    assert not page.select(".notification")
    assert "Binnenskamers" not in page.get_text()


def test_mark_one_line_and_all_as_read(client, post, other_post, author, bram):
    react(post, author, [bram], times=2)
    react(other_post, author, [bram])
    client.force_login(bram)
    one = Notification.objects.filter(page=post).latest("pk")
    assert client.post(reverse("notifications:mark_read", args=[one.pk])).status_code == 302
    assert Notification.objects.filter(recipient=bram, read_at__isnull=True).count() == 1
    assert client.post(reverse("notifications:mark_all_read")).status_code == 302
    assert not Notification.objects.filter(recipient=bram, read_at__isnull=True).exists()


@pytest.mark.parametrize("pk", [0, 999999, 2**63, 10**30])
def test_marking_a_missing_notification_is_404(client, bram, pk):
    client.force_login(bram)
    assert client.post(f"/nl/meldingen/gelezen/{pk}/").status_code == 404


def test_another_members_notification_is_404_and_stays_unread(client, post, author, bram, cor):
    react(post, author, [bram])
    client.force_login(cor)
    theirs = Notification.objects.get(recipient=bram)
    assert client.post(reverse("notifications:mark_read", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_needs_a_post_a_token_and_a_log_in(client, post, author, bram):
    react(post, author, [bram])
    pk = Notification.objects.get().pk
    assert client.post(reverse("notifications:mark_read", args=[pk])).status_code == 302  # to log in
    client.force_login(bram)
    assert client.get(reverse("notifications:mark_read", args=[pk])).status_code == 405
    strict = client_class_with_csrf(bram)
    assert strict.post(reverse("notifications:mark_all_read")).status_code == 403


def client_class_with_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_a_hostile_name_and_title_are_escaped(client, group, bram):
    villain = add_member(group, Role.MEMBER, display_name="<script>alert(1)</script>", email="x@samen.test")
    post = BlogPageFactory(parent=group, author=villain, title="<img src=x onerror=alert(2)>")
    react(post, villain, [bram])
    client.force_login(bram)
    html = client.get(reverse("notifications:list")).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html


def test_the_settings_page_saves_each_kind_and_the_digest(client, bram):
    client.force_login(bram)
    url = reverse("notifications:settings")
    page = soup(client.get(url))
    assert page.select("fieldset legend")
    data = {f"kind_{kind.replace('-', '_')}": "site" for kind in Kind.values}
    data.update({"kind_reaction": "digest", "kind_new_post": "off", "digest": "weekly"})
    assert client.post(url, data).status_code == 302
    assert Preference.objects.get(user=bram, kind=Kind.REACTION).channel == "digest"
    assert Preference.objects.get(user=bram, kind=Kind.NEW_POST).channel == "off"
    assert DigestSettings.objects.get(user=bram).frequency == "weekly"


@pytest.mark.parametrize("value", ["", "loud", "<script>", "x" * 10000, "1' OR '1'='1"])
def test_a_wrong_setting_is_refused_and_the_form_keeps_the_rest(client, bram, value):
    client.force_login(bram)
    data = {f"kind_{kind.replace('-', '_')}": "site" for kind in Kind.values}
    data.update({"kind_reaction": value, "kind_reply": "off", "digest": "daily"})
    response = client.post(reverse("notifications:settings"), data)
    assert response.status_code == 400
    assert soup(response).select_one("input[name=kind_reply][value=off]").has_attr("checked")
    assert not Preference.objects.exists()


def test_the_settings_page_has_the_group_mail_switch(client, group, bram):
    client.force_login(bram)
    page = soup(client.get(reverse("notifications:settings")))
    form = page.select_one(".membership__notify")
    assert form is not None and "Menskracht" in page.get_text()
    client.post(form["action"], {"action": "notify_off"})
    assert not Membership.objects.get(user=bram).notify_posts


def test_follow_a_member_from_their_profile_but_not_oneself(client, author, bram):
    client.force_login(bram)
    profile = soup(client.get(reverse("profiles:profile", args=[author.pk])))
    form = profile.select_one(".follow-button")
    assert client.post(form["action"], {"action": "follow", "next": "/"}).status_code == 302
    assert PersonFollow.objects.filter(follower=bram, followed=author).exists()
    assert not soup(client.get(reverse("profiles:profile", args=[bram.pk]))).select(".follow-button")
    response = client.post(reverse("notifications:follow_person", args=[bram.pk]), {"action": "follow"})
    assert response.status_code == 400
    assert not PersonFollow.objects.filter(follower=bram, followed=bram).exists()


@pytest.mark.parametrize("action", ["", "boo", "<script>"])
def test_follow_endpoints_refuse_unknown_actions(client, author, bram, action):
    client.force_login(bram)
    tag = Tag.objects.create(name="leren", slug="leren")
    assert client.post(reverse("notifications:follow_person", args=[author.pk]), {"action": action}).status_code == 400
    assert client.post(reverse("notifications:follow_tag", args=[tag.pk]), {"action": action}).status_code == 400
    assert not PersonFollow.objects.exists() and not TagFollow.objects.exists()


@pytest.mark.parametrize("pk", [0, 999999, 10**30])
def test_follow_endpoints_404_on_missing_ids(client, bram, pk):
    client.force_login(bram)
    assert client.post(f"/nl/meldingen/volgen/lid/{pk}/", {"action": "follow"}).status_code == 404
    assert client.post(f"/nl/meldingen/volgen/tag/{pk}/", {"action": "follow"}).status_code == 404


def test_follow_a_tag_from_the_blogs_tag_listing(client, blog_index, post, bram):
    tag = Tag.objects.create(name="leren", slug="leren")
    post.tags.add(tag)
    post.save_revision().publish()
    client.force_login(bram)
    listing = soup(client.get(f"{blog_index.url}?tag=leren"))
    form = listing.select_one(".follow-button")
    assert client.post(form["action"], {"action": "follow", "next": "https://evil.example/"}).status_code == 302
    assert TagFollow.objects.filter(user=bram, tag=tag).exists()


def test_the_bell_leads_to_the_notifications_and_they_to_the_settings(client, bram):
    client.force_login(bram)
    header = soup(client.get(reverse("notifications:settings"))).select_one(".site-header__bar")
    assert header.select_one(".notification-bell")["href"] == reverse("notifications:list")
    listing = soup(client.get(reverse("notifications:list")))
    assert listing.select_one(f"main a[href='{reverse('notifications:settings')}']")


def test_a_post_sent_back_in_review_is_shown_to_its_author(client, group):
    set_up_group(group)
    owner = add_member(group, Role.OWNER, display_name="Youssef", email="youssef@samen.test")
    writer = add_member(group, Role.MEMBER, display_name="Anouk", email="anouk@samen.test")
    client.force_login(writer)
    client.post(add_url(group), post_form("Ons kwartaalplan", "ons-kwartaalplan", submit="1"))
    post = BlogPage.objects.get(slug="ons-kwartaalplan")
    client.force_login(owner)
    client.post(reject_url(post, post.current_workflow_task_state), {"comment": "Meer graag."})
    [review] = Notification.objects.filter(kind=Kind.POST_REVIEW)
    assert (review.recipient, review.actor, review.outcome) == (writer, owner, "sent-back")
    client.force_login(writer)
    [line] = soup(client.get(reverse("notifications:list"))).select(".notification")
    assert "Ons kwartaalplan" in line.get_text()
    assert review.created_at <= timezone.now()


def test_the_bell_follows_marking_read_and_new_notifications(client, post, author, bram):
    react(post, author, [bram], times=2)
    client.force_login(bram)

    def bell_text():
        return soup(client.get(reverse("notifications:settings"))).select_one(".notification-bell").get_text()

    assert "2" in bell_text()
    client.post(reverse("notifications:mark_all_read"))
    assert "0" in bell_text()
    react(post, author, [bram])
    assert "1" in bell_text()


def test_opening_a_line_reads_it_and_the_bell_counts_it_no_more(client, post, other_post, author, bram):
    react(post, author, [bram], times=2)
    react(other_post, author, [bram])
    client.force_login(bram)

    def bell_text():
        return soup(client.get(reverse("notifications:settings"))).select_one(".notification-bell").get_text()

    assert "3" in bell_text()
    newest = Notification.objects.filter(page=post).latest("pk")
    opened = client.get(reverse("notifications:open", args=[newest.pk]))
    assert opened["Location"] == f"{post.url}#reactie-{newest.reaction_id}"
    assert not Notification.objects.filter(page=post, read_at__isnull=True).exists()
    assert "1" in bell_text()
    client.post(reverse("notifications:mark_read", args=[Notification.objects.get(page=other_post).pk]))
    assert "0" in bell_text()


@pytest.mark.parametrize("pk", [0, 999999, 2**63, 10**30])
def test_opening_a_missing_or_foreign_notification_is_404(client, post, author, bram, cor, pk):
    react(post, author, [bram])
    client.force_login(cor)
    theirs = Notification.objects.get(recipient=bram)
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    assert client.get(f"/nl/meldingen/openen/{pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
