"""A member who writes in a group, and is no editor of the site, writes a post in Chromium:
from the group's page ("Nieuw blog") into the admin's editor under the group, a picture
uploaded from the image chooser into the group's own collection, and the post sent to
the group's approvers. The admin's image library shows the group's and the shared
pictures the writer added, never those of a closed group the writer is not in. The admin works under its
policy: nothing is refused."""

from pathlib import Path

from wagtail.images import get_image_model
from wagtail.models import WorkflowState

import pytest
from PIL import Image as PillowImage
from playwright.sync_api import expect

from access.models import Membership
from blog.models import BlogPage
from core.factories import ImageFactory
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from groups.rights import group_collection, set_up_group, shared_collection
from tests.browser.logging_in import log_in
from tests.groups.helpers import add_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "schrijven-in-de-groep"


@pytest.fixture
def groups(home):
    index = GroupIndexPageFactory(parent=home)
    group = GroupPageFactory(parent=index, title="Menskracht", slug="menskracht")
    closed = GroupPageFactory(parent=index, title="Vertrouwelijk", slug="vertrouwelijk", is_closed=True)
    set_up_group(group)
    set_up_group(closed)
    add_member(group, Membership.Role.OWNER, display_name="Youssef El Amrani", email="youssef@samen.test")
    add_member(group, Membership.Role.MEMBER, display_name="Anouk Verbeek", email="anouk@samen.test", password=PASSWORD)
    add_member(closed, Membership.Role.OWNER, display_name="Marloes Dijkstra", email="marloes@samen.test")
    ImageFactory(title="Zonnige werkplek", collection=shared_collection())
    ImageFactory(title="Teamdag", collection=group_collection(group))
    ImageFactory(title="Vertrouwelijk overleg", collection=group_collection(closed))
    return group, closed


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "kringgesprek.png"
    PillowImage.new("RGB", (320, 200), (40, 120, 90)).save(path)
    return Path(path)


def refusals(page):
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


def test_a_group_writer_writes_a_post_with_a_picture_and_sends_it_for_approval(
    live_server, page, groups, picture, screenshot_dir
):
    group, closed = groups
    refused = refusals(page)
    posted = []
    page.on("request", lambda request: posted.append(request.url) if request.method == "POST" else None)

    log_in(page, live_server, "anouk@samen.test", PASSWORD, next_url=group.url)
    expect(page.get_by_role("heading", name="Menskracht", level=1)).to_be_visible()

    # From the group's page into the editor, under the group.
    page.get_by_role("link", name="Nieuw blog").click()
    expect(page).to_have_url(f"{live_server.url}/admin/pages/add/blog/blogpage/{group.pk}/")
    page.locator("#id_title").fill("Talent in de wijk")
    page.get_by_role("textbox", name="Samenvatting").fill("Waar je talent vindt als je er niet naar zoekt.")

    # The body: one paragraph.
    page.locator("[data-streamfield-stream-container] button[title='Blok invoegen']").first.click()
    page.get_by_role("option", name="Alinea").click()
    editor = page.locator("[data-streamfield-stream-container] [contenteditable='true']").first
    editor.click()
    editor.press_sequentially("Wie talent wil zien, moet de wijk in.")

    # The hero image: uploaded from the chooser, into the group's collection.
    page.get_by_role("button", name="Kies een afbeelding").first.click()
    chooser = page.locator(".modal-dialog")
    # What the writer may choose: the group's and the shared pictures.
    expect(chooser.get_by_role("img", name="Teamdag")).to_be_visible()
    expect(chooser.get_by_role("img", name="Zonnige werkplek")).to_be_visible()
    expect(chooser.get_by_role("img", name="Vertrouwelijk overleg")).to_have_count(0)
    chooser.get_by_role("tab", name="Uploaden").click()
    upload = chooser.locator("form[enctype='multipart/form-data']")
    upload.locator("input[type='file']").set_input_files(picture)
    upload.get_by_label("Titel").fill("Kringgesprek")
    # A writer in one group may add pictures to one collection only: no choice to make.
    expect(upload.get_by_label("Collectie")).to_have_count(0)
    upload.get_by_role("button", name="Uploaden").click()
    hero = page.locator("[data-field-wrapper]:has(#id_hero_image)")
    expect(hero).to_contain_text("Kringgesprek")
    expect(hero.locator("img")).to_be_visible()
    page.locator("#id_hero_image_alt").fill("Zes mensen in een kring")

    # Sent to the group's approvers.
    page.get_by_role("button", name="Meer acties").click()
    page.get_by_role("button", name="Stuur door naar Menskracht").click()
    expect(page.locator(".messages")).to_contain_text("Talent in de wijk")

    # Wagtail may have saved the new page on its own meanwhile (autosave; an attempt made
    # while the form was still incomplete is refused and creates nothing); the button waited
    # for that save, so the page exists once, under the title's own address.
    [post] = BlogPage.objects.filter(title="Talent in de wijk")
    assert post.slug == "talent-in-de-wijk", posted
    assert post.get_parent().pk == group.pk
    assert not post.live
    state = WorkflowState.objects.for_instance(post).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    image = get_image_model().objects.get(title="Kringgesprek")
    assert image.collection == group_collection(group)
    assert post.get_latest_revision_as_object().hero_image == image

    # The image library lists what the writer may change there (Wagtail's rule): the
    # picture they added, never the closed group's.
    page.get_by_role("link", name="Afbeeldingen").click()
    expect(page.get_by_role("heading", name="Afbeeldingen").first).to_be_visible()
    library = page.locator("#listing-results")
    expect(library).to_contain_text("Kringgesprek")
    expect(library).not_to_contain_text("Vertrouwelijk overleg")
    page.screenshot(path=screenshot_dir / "group-author-images.png", full_page=True)
    assert refused == [], refused
