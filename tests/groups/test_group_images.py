"""Pictures for group authors: every group has an image collection of its own; its
members add pictures there (from the chooser too) and choose from it and from the shared
collection, never from another group's; its owners and admins may also change and delete
them. Leaving the group takes all of it away."""

import json
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image as PillowImage

from access.models import Membership
from core.factories import ImageFactory
from groups import membership
from groups.factories import GroupPageFactory
from groups.rights import group_collection, set_up_group, shared_collection
from tests.groups.helpers import add_member
from tests.helpers import parse

pytestmark = pytest.mark.django_db
Role = Membership.Role


@pytest.fixture
def pictures(group, closed_group):
    set_up_group(group)
    set_up_group(closed_group)
    return {
        "ours": ImageFactory(title="Onze werksessie", collection=group_collection(group)),
        "shared": ImageFactory(title="Gedeelde foto", collection=shared_collection()),
        "closed": ImageFactory(title="Vertrouwelijk overleg", collection=group_collection(closed_group)),
        "root": ImageFactory(title="Alleen voor de redactie", collection=Collection.get_first_root_node()),
    }


@pytest.fixture
def author(client, group):
    member = add_member(group, Role.MEMBER, display_name="Anouk Verbeek", email="anouk@samen.test")
    client.force_login(member)
    return member


def chooser_titles(client):
    response = client.get(reverse("wagtailimages_chooser:choose"))
    assert response.status_code == 200
    return sorted(img["alt"] for img in parse_json_html(response).select("img"))


def parse_json_html(response):
    return parse(type("R", (), {"content": json.loads(response.content)["html"].encode()}))


def picture_upload(name="foto.png"):
    buffer = BytesIO()
    PillowImage.new("RGB", (40, 30), (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def upload_from_chooser(client, collection, title="Mijn foto"):
    prefix = "image-chooser-upload"
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {
            f"{prefix}-title": title,
            f"{prefix}-file": picture_upload(),
            f"{prefix}-collection": collection.pk,
            f"{prefix}-tags": "",
        },
    )


def test_each_group_has_its_own_collection_named_after_it(group, closed_group, pictures):
    assert group_collection(group).name == "Menskracht"
    assert group_collection(closed_group).name == "Vertrouwelijk"
    assert group_collection(group).get_parent().name == "Groepen"
    assert shared_collection().get_parent() == Collection.get_first_root_node()


def test_an_author_chooses_from_their_group_and_the_shared_pictures_only(client, author, pictures):
    assert chooser_titles(client) == ["Gedeelde foto", "Onze werksessie"]


def test_an_author_uploads_from_the_chooser_into_their_groups_collection(client, group, author, pictures):
    form = parse_json_html(client.get(reverse("wagtailimages_chooser:choose")))
    assert form.select_one("input[type=file][name='image-chooser-upload-file']") is not None, "an upload tab"
    offered = [option["value"] for option in form.select("select[name='image-chooser-upload-collection'] option")]
    # Wagtail leaves out the choice when there is one collection to add to.
    assert offered in ([], [str(group_collection(group).pk)]), "only their group's collection to add to"

    response = upload_from_chooser(client, group_collection(group))
    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "chosen"
    assert get_image_model().objects.get(title="Mijn foto").collection == group_collection(group)


@pytest.mark.parametrize("other", ["closed", "shared", "root"])
def test_an_author_cannot_add_to_another_collection(client, group, author, pictures, other):
    response = upload_from_chooser(client, pictures[other].collection, title="Ergens anders")
    assert response.status_code in (200, 403)
    assert not get_image_model().objects.filter(title="Ergens anders", collection=pictures[other].collection).exists()
    added = get_image_model().objects.filter(title="Ergens anders").first()
    assert added is None or added.collection == group_collection(group)


def test_an_author_finds_the_images_menu_and_sees_only_what_is_theirs_to_see(client, author, pictures):
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailimages:index") in home
    listing = client.get(reverse("wagtailimages:index")).content.decode()
    assert "Vertrouwelijk overleg" not in listing and "Alleen voor de redactie" not in listing


def test_owners_and_admins_may_change_their_groups_pictures_members_not(client, group, author, pictures):
    ours = pictures["ours"]
    assert client.get(reverse("wagtailimages:edit", args=[ours.pk])).status_code in (302, 403)
    admin = add_member(group, Role.ADMIN, email="adam@samen.test")
    client.force_login(admin)
    assert client.get(reverse("wagtailimages:edit", args=[ours.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:edit", args=[pictures["closed"].pk])).status_code in (302, 403)


def test_leaving_the_group_takes_the_pictures_away(client, group, author, pictures):
    membership.leave(author, group)
    assert client.get(reverse("wagtailimages_chooser:choose")).status_code in (302, 403)


def test_a_renamed_group_keeps_the_collections_in_order_so_new_groups_can_be_added(group):
    """Collections are kept sorted by name; a renamed group's collection moves to its new
    place, so adding the next group's collection does not collide with a neighbour's."""
    names = ["Buurtpreventie", "Duurzaamheid", "Fietspaden"]
    groups = [GroupPageFactory(parent=group.get_parent(), title=name) for name in names]
    for each in groups:
        set_up_group(each)
    groups[0].title = "Zwemwater"  # from the front of the list to its end
    groups[0].save()
    set_up_group(groups[0])
    set_up_group(GroupPageFactory(parent=group.get_parent(), title="Cultuur"))

    siblings = group_collection(groups[1]).get_parent().get_children()
    in_tree_order = [collection.name for collection in siblings]
    assert in_tree_order == sorted(in_tree_order)
    assert {"Zwemwater", "Cultuur"} <= set(in_tree_order)
