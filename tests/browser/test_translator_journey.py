"""A translator at work in the admin, in Chromium: she logs in through the site's own log-in
(the admin sends her there), finds a public post in wagtail-localize's translations report
and opens its translation editor, which loads and shows the post's text. A post of a closed
group that has an English translation too is nowhere for her: not in the report, and its
translation editor, preview and PO file answer "no"."""

import re
from contextlib import nullcontext

from django.contrib.auth.models import Group
from django.core.management import call_command

from wagtail_localize.models import Translation

import pytest
from playwright.sync_api import expect

from blog.models import BlogPage
from tests.engagement.helpers import verified_member
from tests.i18n.helpers import translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC_SLUG = "werkplezier-begint-bij-de-koffieautomaat"
CLOSED_SLUG = "een-lastig-gesprek-drie-perspectieven"
PASSWORD = "vertalen-is-een-vak"


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    translator = verified_member(display_name="Vera Vertaler", email="vera@samen.test", password=PASSWORD)
    translator.groups.add(Group.objects.get(name="Vertalers"))
    public = BlogPage.objects.get(slug=PUBLIC_SLUG, locale__language_code="nl")
    closed = BlogPage.objects.get(slug=CLOSED_SLUG, locale__language_code="nl")
    translate(closed, {}, lambda execute: nullcontext())
    return public, closed


def translation_of(post):
    return Translation.objects.get(source__object_id=post.translation_key, target_locale__language_code="en")


def test_a_translator_translates_public_posts_and_never_meets_a_closed_groups(live_server, page, demo, screenshot_dir):
    public, closed = demo

    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/nl/account/login/\?next=(/|%2F)admin(/|%2F)$"))
    page.get_by_label("E-mail").fill("vera@samen.test")
    page.get_by_label("Wachtwoord").first.fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")

    # The translations report lists the public post's translation, never the closed one's.
    page.goto(f"{live_server.url}/admin/localize/reports/translations/")
    report = page.locator("main")
    expect(report).to_contain_text(public.title)
    expect(report).not_to_contain_text(closed.title)

    # The public post's translation editor loads (wagtail-localize's own script, under the
    # admin's rules) with the Dutch text to translate.
    english = public.get_translation(translation_of(public).target_locale)
    page.goto(f"{live_server.url}/admin/pages/{english.pk}/edit/")
    expect(page.get_by_text(public.title).first).to_be_visible()
    page.screenshot(path=screenshot_dir / "translator-editor.png", full_page=True)

    # The closed group's post: its English edit view, preview and PO file are refused.
    translation = translation_of(closed)
    english_closed = closed.get_translation(translation.target_locale)
    for address in (
        f"/admin/pages/{english_closed.pk}/edit/",
        f"/admin/localize/translate/{translation.pk}/preview/",
        f"/admin/localize/translate/{translation.pk}/pofile/download/",
    ):
        response = page.goto(f"{live_server.url}{address}")
        assert response.status == 403, address
        assert closed.title not in page.content()
