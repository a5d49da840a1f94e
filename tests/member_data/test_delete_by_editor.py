"""An editor deletes an account from the admin, and decides on the posts left behind."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client

from wagtail.models import ModelLogEntry

import pytest
from bs4 import BeautifulSoup

from accounts.models import User
from blog.factories import BlogPageFactory
from blog.models import BlogPage, PostLeftBehind
from member_data.deletion import LOG_ACTION, PostChoice, ReactionChoice, delete_member, forget_goodbye_mail
from tests.engagement.helpers import make_reaction, verified_member
from tests.helpers import nl

from .deletion_helpers import LEAVER_EMAIL, LEAVER_NAME, text_columns_holding


@pytest.fixture
def leaver(db):
    return verified_member(display_name=LEAVER_NAME, email=LEAVER_EMAIL)


@pytest.fixture
def editor(superuser):
    return superuser


@pytest.fixture
def plain_member(db):
    return verified_member(display_name="Gewoon Lid", email="lid@samen.test")


def admin_url(member):
    return f"/admin/leden/{member.pk}/account-verwijderen/"


@pytest.mark.django_db
def test_wagtails_own_delete_view_leads_to_ours(client, editor, leaver):
    client.force_login(editor)
    response = client.get(f"/admin/users/delete/{leaver.pk}/")
    assert response.status_code == 302 and response["Location"] == admin_url(leaver)
    response = client.post(f"/admin/users/delete/{leaver.pk}/")
    assert response["Location"] == admin_url(leaver)
    assert User.objects.filter(pk=leaver.pk).exists()


@pytest.mark.django_db
def test_the_editor_deletes_and_the_log_keeps_the_id_only(client, editor, leaver, group):
    post = BlogPageFactory(parent=group, author=leaver, title="Haar bericht", slug="haar-bericht")
    make_reaction(post, leaver, "Een reactie.")
    client.force_login(editor)
    page = client.get(admin_url(leaver))
    assert page.status_code == 200
    response = client.post(admin_url(leaver), {"reactions": "remove", "posts": "trash", "confirm": "on"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=leaver.pk).exists()
    entry = ModelLogEntry.objects.get(action=LOG_ACTION)
    assert entry.user_id == editor.pk
    assert entry.data["member"] == leaver.pk
    assert (entry.data["reactions"], entry.data["posts"], entry.data["by_editor"]) == ("remove", "trash", True)
    assert LEAVER_NAME not in str(entry.data) + entry.label and LEAVER_EMAIL not in str(entry.data) + entry.label
    history = client.get("/admin/reports/site-history/")
    assert history.status_code == 200
    assert f"{leaver.pk}" in history.content.decode()
    assert PostLeftBehind.objects.filter(page=post).exists()
    forget_goodbye_mail()
    assert text_columns_holding(LEAVER_EMAIL, LEAVER_NAME) == []


@pytest.mark.django_db
def test_non_editors_get_403(client, plain_member, leaver):
    plain_member.is_staff = True
    plain_member.save()
    plain_member.groups.add(Group.objects.get(name="Editors"))
    client.force_login(plain_member)
    assert client.get(admin_url(leaver)).status_code in (302, 403)
    assert client.post(admin_url(leaver), {"reactions": "keep", "posts": "group", "confirm": "on"}).status_code in (
        302,
        403,
    )
    assert User.objects.filter(pk=leaver.pk).exists()


@pytest.mark.django_db
def test_only_site_editors_see_the_posts_members_left_behind(client, plain_member):
    # Editors moderate reactions, so they are the site's editors (access/policy.py); a
    # member who may open the admin for another reason is not.
    plain_member.is_staff = True
    plain_member.save()
    plain_member.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(plain_member)
    assert client.get("/admin/vertrokken-leden/berichten/").status_code == 200
    plain_member.groups.clear()
    plain_member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(get_user_model().objects.get(pk=plain_member.pk))
    assert client.get("/admin/vertrokken-leden/berichten/").status_code in (302, 403)


@pytest.mark.django_db
def test_the_editors_form_refuses_garbage_with_400(client, editor, leaver):
    client.force_login(editor)
    response = client.post(admin_url(leaver), {"reactions": "keep", "posts": "<b>x</b>"})
    assert response.status_code == 400
    assert nl("Choose one of the options for the posts.") in response.content.decode()
    checked = [radio["value"] for radio in BeautifulSoup(response.content, "html.parser").select("input[checked]")]
    assert checked == ["keep"]
    assert User.objects.filter(pk=leaver.pk).exists()
    assert client.get("/admin/leden/999999999999/account-verwijderen/").status_code == 404


@pytest.fixture
def left_behind(group, leaver, plain_member):
    group.owner = plain_member
    group.save_revision().publish()
    post = BlogPageFactory(parent=group, author=leaver, title="Achtergelaten", slug="achtergelaten")
    delete_member(leaver, reactions=ReactionChoice.KEEP, posts=PostChoice.TRASH)
    return BlogPage.objects.get(pk=post.pk)


@pytest.mark.django_db
def test_the_trash_lists_the_post_and_an_editor_keeps_it(client, editor, left_behind, plain_member):
    client.force_login(editor)
    listing = client.get("/admin/vertrokken-leden/berichten/")
    assert listing.status_code == 200 and "Achtergelaten" in listing.content.decode()
    response = client.post(f"/admin/vertrokken-leden/berichten/{left_behind.pk}/", {"decision": "keep"})
    assert response.status_code == 302
    post = BlogPage.objects.get(pk=left_behind.pk)
    assert post.live and post.owner_id == plain_member.pk and post.author_id is None
    assert not PostLeftBehind.objects.exists()
    assert Client().get(post.url).status_code == 200


@pytest.mark.django_db
def test_an_editor_deletes_a_post_left_behind(client, editor, left_behind):
    client.force_login(editor)
    response = client.post(f"/admin/vertrokken-leden/berichten/{left_behind.pk}/", {"decision": "delete"})
    assert response.status_code == 302
    assert not BlogPage.objects.filter(pk=left_behind.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["", "publish", "<script>", "' OR 1=1 --", "x" * 5000])
def test_a_decision_that_is_neither_is_refused(client, editor, left_behind, decision):
    client.force_login(editor)
    response = client.post(f"/admin/vertrokken-leden/berichten/{left_behind.pk}/", {"decision": decision})
    assert response.status_code == 400
    assert PostLeftBehind.objects.filter(page_id=left_behind.pk).exists()


@pytest.mark.django_db
def test_the_trash_listing_is_flat_in_queries(client, editor, group, django_assert_max_num_queries):
    for n in range(6):
        member = verified_member(display_name=f"Weg {n}", email=f"weg{n}@samen.test")
        BlogPageFactory(parent=group, author=member, title=f"Bericht {n}", slug=f"bericht-{n}")
        delete_member(member, reactions=ReactionChoice.KEEP, posts=PostChoice.TRASH)
    client.force_login(editor)
    client.get("/admin/vertrokken-leden/berichten/")
    with django_assert_max_num_queries(40):
        assert client.get("/admin/vertrokken-leden/berichten/").status_code == 200
