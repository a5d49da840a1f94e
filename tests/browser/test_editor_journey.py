"""The editor at work in the page editor, in Chromium, under the site's Content-Security-
Policy: the live preview panel shows the post as it is being written, and the checks panel
(Wagtail's accessibility checker, which runs inside that preview) counts the words and
reports the picture whose alternative text is its file name. No part of the admin or the
preview is refused by the policy."""

import json

import pytest
from playwright.sync_api import expect

from blog.factories import BlogPageFactory
from core.factories import ImageFactory
from groups.factories import GroupIndexPageFactory, GroupPageFactory
from tests.browser.logging_in import log_in
from tests.engagement.helpers import verified_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "schrijven-met-zorg"


def test_the_live_preview_and_the_checks_panel_work_under_the_sites_policy(live_server, page, home, screenshot_dir):
    editor = verified_member(
        display_name="Redactie Samen", email="eva@samen.test", password=PASSWORD, is_superuser=True, is_staff=True
    )
    group = GroupPageFactory(parent=GroupIndexPageFactory(parent=home), title="Menskracht", slug="menskracht")
    # A slip editors make: the file's name as the picture's alternative text.
    photo = ImageFactory(title="Werksessie")
    body = [
        {"type": "paragraph", "value": "<p>Samen schrijven we beter dan alleen.</p>"},
        {"type": "image", "value": {"image": photo.pk, "alt_text": "IMG_2041.jpg", "caption": ""}},
    ]
    post = BlogPageFactory(parent=group, author=editor, title="Een stuk in wording", body=json.dumps(body))
    post.save_revision(user=editor).publish()
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )

    # The editor notices changes once it has taken stock of the form (two seconds after it
    # loads); what is typed before that counts as how the form was.
    page.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.samenWatching = true })")
    log_in(page, live_server, "eva@samen.test", PASSWORD, next_url=f"/admin/pages/{post.pk}/edit/")
    expect(page.get_by_role("heading", name="Een stuk in wording").first).to_be_visible()
    page.wait_for_function("window.samenWatching === true")

    # The live preview shows the post, framed by the admin.
    page.get_by_role("button", name="Toon/verberg voorvertoning").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", name="Een stuk in wording", level=1)).to_be_visible()
    expect(preview.get_by_text("Samen schrijven we beter dan alleen.")).to_be_visible()

    # What the editor types shows in the preview.
    title = page.locator("#id_title")
    title.fill("")
    title.press_sequentially("Een stuk dat groeit", delay=20)
    expect(preview.get_by_role("heading", name="Een stuk dat groeit", level=1)).to_be_visible(timeout=15000)

    # The checks panel: the word count, and the picture whose alt text is its file name.
    page.get_by_role("button", name="Checks aan/uitzetten").click()
    checks = page.locator("[data-side-panel='checks']")
    expect(checks.locator("[data-content-checker-count]")).not_to_have_text("0", timeout=20000)
    expect(checks.locator("[data-content-word-count]")).not_to_have_text("-")
    findings = checks.locator("[data-checks-panel]")
    expect(findings).to_contain_text("IMG_2041.jpg")
    expect(findings).to_contain_text("Alt-tekst van de afbeelding bevat een ongepast patroon")
    page.screenshot(path=screenshot_dir / "editor-checks.png", full_page=True)
    assert refused == [], refused
