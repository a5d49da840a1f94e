"""Deleting one's own account: re-authentication, the choices, and that nothing personal
remains anywhere in the database afterwards."""

from django.core import mail
from django.test import Client

import pytest
from allauth.usersessions.models import UserSession

from access.models import Membership
from accounts.factories import DEFAULT_PASSWORD
from accounts.models import User
from blog.factories import BlogPageFactory
from blog.models import BlogPage, PostLeftBehind
from engagement.likes import like
from engagement.models import Follow, GuestFollow, Rating, Reaction
from engagement.ratings import cast_vote, summary_of
from member_data.deletion import PostChoice, ReactionChoice, delete_member, forget_goodbye_mail, former_member_text
from notifications.models import Notification, PersonFollow
from outbox.models import Mail
from tests.engagement.helpers import make_reaction, minutes_ago, soup, text_of, verified_member
from tests.helpers import nl

from .deletion_helpers import DELETE_URL, LEAVER_EMAIL, LEAVER_NAME, log_in, text_columns_holding, url_in

CONFIRM = nl("I understand that this cannot be undone")
FORMER = nl("former member")


@pytest.fixture
def owner(db):
    return verified_member(display_name="Groepseigenaar Gert", email="gert@samen.test")


@pytest.fixture
def leaver(db):
    return verified_member(display_name=LEAVER_NAME, email=LEAVER_EMAIL, language="nl")


@pytest.fixture
def other(db):
    return verified_member(display_name="Blijver Bas", email="bas@samen.test")


@pytest.fixture
def life(group, owner, leaver, other):
    """The leaver's posts, reactions, replies, votes, follows, likes and mentions, among
    another member's."""
    group.owner = owner
    group.save_revision().publish()
    Membership.objects.create(user=leaver, group_key=group.translation_key)
    own_post = BlogPageFactory(parent=group, author=leaver, title="Mijn bericht", slug="mijn-bericht")
    post = BlogPageFactory(parent=group, author=other, title="Het gesprek", slug="het-gesprek")
    answered = make_reaction(post, leaver, "Mijn vraag aan iedereen.", when=minutes_ago(50))
    first = make_reaction(post, other, "Eerste antwoord.", parent=answered, when=minutes_ago(40))
    second = make_reaction(
        post, other, f"Dag @[{LEAVER_NAME}]({leaver.pk}), goed punt.", parent=answered, when=minutes_ago(30)
    )
    alone = make_reaction(post, leaver, "Een losse opmerking.", when=minutes_ago(20))
    reply = make_reaction(post, leaver, "Eens!", parent=make_reaction(post, other, "Stelling.", when=minutes_ago(15)))
    on_own = make_reaction(own_post, other, "Mooi geschreven.")
    like(leaver, on_own)
    cast_vote(leaver, post, 1)
    cast_vote(other, post, 5)
    Follow.objects.get_or_create(user=leaver, translation_key=post.translation_key)
    PersonFollow.objects.create(follower=leaver, followed=other)
    PersonFollow.objects.create(follower=other, followed=leaver)
    GuestFollow.objects.create(
        email=LEAVER_EMAIL, name=LEAVER_NAME, language="nl", translation_key=post.translation_key
    )
    Notification.objects.create(recipient=other, kind="reaction", actor=leaver, page=post)
    return {
        "post": post,
        "own_post": own_post,
        "answered": answered,
        "replies": [first, second],
        "alone": alone,
        "reply": reply,
    }


def delete_by_form(client, reactions, posts, language="nl"):
    url = url_in(language, "member_data:delete")
    return client.post(url, {"reactions": reactions, "posts": posts, "confirm": "on"})


@pytest.mark.django_db
def test_nothing_personal_remains_anywhere(client, life, leaver, other):
    log_in(client, LEAVER_EMAIL)
    assert UserSession.objects.filter(user=leaver).exists()
    assert text_columns_holding(LEAVER_EMAIL, LEAVER_NAME)  # the search can find them
    response = delete_by_form(client, "keep", "group")
    assert response.status_code == 302
    assert response["Location"] == url_in("nl", "member_data:deleted")
    assert mail.outbox[-1].to == [LEAVER_EMAIL]
    assert mail.outbox[-1].subject == nl("Your account has been deleted")
    forget_goodbye_mail()
    assert text_columns_holding(LEAVER_EMAIL, LEAVER_NAME) == []
    assert not User.objects.filter(pk=leaver.pk).exists()


@pytest.mark.django_db
def test_the_goodbye_page_and_logged_out(client, life, leaver):
    log_in(client, LEAVER_EMAIL)
    response = delete_by_form(client, "keep", "group")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert nl("Your account has been deleted") in text_of(page)
    assert "_auth_user_id" not in client.session
    # Only right after a deletion.
    assert client.get(url_in("nl", "member_data:deleted")).status_code == 302


@pytest.mark.django_db
def test_kept_reactions_show_a_former_member_and_threads_keep_their_replies(client, life, leaver, other):
    post = life["post"]
    log_in(client, LEAVER_EMAIL)
    delete_by_form(client, "keep", "group")
    page = Client().get(post.url)
    text = text_of(page)
    assert LEAVER_NAME not in page.content.decode()
    assert text.count(FORMER) >= 3  # the question, the remark and the reply
    assert former_member_text() in text  # the mention names no one
    order = [li["id"] for li in soup(page).select("li.reaction")]
    first, second = life["replies"]
    assert (
        order.index(f"reactie-{life['answered'].pk}")
        < order.index(f"reactie-{first.pk}")
        < order.index(f"reactie-{second.pk}")
    )
    kept = Reaction.objects.get(pk=life["alone"].pk)
    assert (kept.user_id, kept.user_name, kept.user_email, kept.ip_address) == (None, "", "", None)
    assert kept.is_by_former_member and kept.is_visible


@pytest.mark.django_db
def test_removed_reactions_leave_a_placeholder_only_where_others_replied(client, life, leaver):
    log_in(client, LEAVER_EMAIL)
    delete_by_form(client, "remove", "group")
    answered = Reaction.objects.get(pk=life["answered"].pk)
    assert answered.is_removed and answered.comment == "" and answered.user_email == ""
    assert not Reaction.objects.filter(pk__in=[life["alone"].pk, life["reply"].pk]).exists()
    page = Client().get(life["post"].url)
    text = text_of(page)
    assert nl("Reaction removed") in text
    assert "Eerste antwoord." in text and "goed punt" in text
    assert "Mijn vraag aan iedereen." not in text and "Een losse opmerking." not in text


@pytest.mark.django_db
def test_posts_stay_with_the_group_owned_by_its_owner(client, life, leaver, owner):
    log_in(client, LEAVER_EMAIL)
    delete_by_form(client, "keep", "group")
    post = BlogPage.objects.get(pk=life["own_post"].pk)
    assert post.live and post.author_id is None and post.owner_id == owner.pk
    assert not PostLeftBehind.objects.exists()
    assert Client().get(post.url).status_code == 200


@pytest.mark.django_db
def test_posts_go_to_the_editors_trash(client, life, leaver):
    log_in(client, LEAVER_EMAIL)
    delete_by_form(client, "keep", "trash")
    post = BlogPage.objects.get(pk=life["own_post"].pk)
    assert not post.live and post.author_id is None
    assert PostLeftBehind.objects.filter(page=post).exists()
    assert Client().get(life["own_post"].url).status_code == 404


@pytest.mark.django_db
def test_ratings_stay_consistent(client, life, leaver):
    post = life["post"]
    assert (summary_of(post).votes, summary_of(post).average_text) == (2, "3")
    anonymous = Client()
    assert "3/5" in text_of(anonymous.get(post.url))  # the shared copy is stored
    log_in(client, LEAVER_EMAIL)
    delete_by_form(client, "keep", "group")
    assert not Rating.objects.filter(user_id=leaver.pk).exists()
    assert (summary_of(post).votes, summary_of(post).average_text) == (1, "5")
    assert "5/5" in text_of(anonymous.get(post.url))


@pytest.mark.django_db
def test_the_shared_copy_no_longer_shows_the_name(client, life, leaver):
    anonymous = Client()
    before = anonymous.get(life["post"].url)
    assert LEAVER_NAME in before.content.decode()
    log_in(client, LEAVER_EMAIL)
    delete_by_form(client, "keep", "group")
    assert LEAVER_NAME not in anonymous.get(life["post"].url).content.decode()
    assert LEAVER_NAME not in anonymous.get(life["own_post"].url).content.decode()


@pytest.mark.django_db
def test_everything_of_theirs_is_gone(client, life, leaver, other):
    log_in(client, LEAVER_EMAIL)
    delete_by_form(client, "keep", "group")
    assert not Follow.objects.filter(user_id=leaver.pk).exists()
    assert not PersonFollow.objects.filter(follower_id=leaver.pk).exists()
    assert not PersonFollow.objects.filter(followed_id=leaver.pk).exists()
    assert not GuestFollow.objects.filter(email__iexact=LEAVER_EMAIL).exists()
    assert not Membership.objects.filter(user_id=leaver.pk).exists()
    assert not Notification.objects.filter(actor_id=leaver.pk).exists()
    assert not UserSession.objects.filter(user_id=leaver.pk).exists()
    assert not Mail.objects.filter(to__icontains=LEAVER_EMAIL).exclude(event__startswith="member-left:").exists()


@pytest.mark.django_db
def test_the_page_asks_to_log_in_and_to_prove_who_they_are(client, leaver):
    anonymous = client.get(DELETE_URL)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    client.force_login(leaver)  # logged in, but not through allauth: not recently proven
    for response in (client.get(DELETE_URL), delete_by_form(client, "keep", "group")):
        assert response.status_code == 302 and "/account/reauthenticate/" in response["Location"]
    assert User.objects.filter(pk=leaver.pk).exists()


@pytest.mark.django_db
def test_a_wrong_password_at_re_authentication_is_refused(client, leaver):
    client.force_login(leaver)
    response = client.post("/nl/account/reauthenticate/", {"password": "niet-het-wachtwoord"})
    assert response.status_code == 200  # the form again, with its error
    assert client.get(DELETE_URL).status_code == 302


@pytest.mark.django_db
def test_re_authenticated_the_page_shows_the_choices(client, leaver):
    client.force_login(leaver)
    response = client.post(
        "/nl/account/reauthenticate/", {"password": DEFAULT_PASSWORD, "next": DELETE_URL}, follow=True
    )
    assert response.redirect_chain and response.redirect_chain[-1][0] == DELETE_URL
    page = soup(response)
    legends = [legend.get_text(strip=True) for legend in page.select("fieldset legend")]
    assert legends == [nl("Your reactions"), nl("Your posts")]
    assert page.find("label", string=CONFIRM)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"reactions": "keep", "posts": "group"},
            nl("Tick the box to confirm that you understand this cannot be undone."),
        ),
        (
            {"reactions": "everything", "posts": "group", "confirm": "on"},
            nl("Choose one of the options for the reactions."),
        ),
        (
            {"reactions": "keep", "posts": "<script>alert(1)</script>", "confirm": "on"},
            nl("Choose one of the options for the posts."),
        ),
        (
            {"reactions": "' OR 1=1 --", "posts": "x" * 10_000, "confirm": "on"},
            nl("Choose one of the options for the reactions."),
        ),
        ({}, nl("Choose what becomes of the reactions.")),
    ],
)
def test_wrong_values_are_refused_and_the_choices_kept(client, leaver, data, message):
    log_in(client, LEAVER_EMAIL)
    response = client.post(DELETE_URL, data)
    assert response.status_code == 400
    assert message in text_of(response)
    assert "<script>alert(1)</script>" not in response.content.decode()
    page = soup(response)
    checked = {radio["name"]: radio["value"] for radio in page.select("input[type=radio][checked]")}
    expected = {
        key: value for key, value in data.items() if key in ("reactions", "posts") and value in ("keep", "group")
    }
    assert checked == expected
    assert User.objects.filter(pk=leaver.pk).exists()


@pytest.mark.django_db
def test_in_english(client, life):
    User.objects.filter(email=LEAVER_EMAIL).update(language="en")
    log_in(client, LEAVER_EMAIL)
    page = client.get(url_in("en", "member_data:delete"))
    assert page.status_code == 200
    assert [legend.get_text(strip=True) for legend in soup(page).select("fieldset legend")] == [
        "Your reactions",
        "Your posts",
    ]
    response = delete_by_form(client, "keep", "group", language="en")
    assert response["Location"] == url_in("en", "member_data:deleted")
    assert "Your account has been deleted" in text_of(client.get(response["Location"]))
    assert mail.outbox[-1].subject == "Your account has been deleted"
    page = Client().get(life["post"].url.replace("/nl/", "/en/", 1))
    assert LEAVER_NAME not in page.content.decode()


@pytest.mark.django_db
def test_the_function_refuses_an_unknown_choice(leaver):
    with pytest.raises(ValueError):
        delete_member(leaver, reactions="all", posts=PostChoice.GROUP)
    with pytest.raises(ValueError):
        delete_member(leaver, reactions=ReactionChoice.KEEP, posts="elsewhere")
    assert User.objects.filter(pk=leaver.pk).exists()
