"""The demo's translator at work in the admin, in Chromium. She logs in through the site's
own log-in (the admin sends her there), finds a public post in wagtail-localize's
translations report and opens its translation editor, which loads and shows the post's
text. A post of a closed group that has an English translation too is nowhere for her: not
in the report, and its translation editor, preview and PO file answer "no".

And a translation from start to finish: the one Dutch post the demo leaves untranslated is
submitted (English ticked already), translated string by string, published after the
question about what is still Dutch; the editor changes the Dutch title, the translator syncs,
translates the new title and publishes it."""

import re
from contextlib import nullcontext

from django.core.management import call_command

from wagtail_localize.models import Translation

import pytest
from playwright.sync_api import expect

from blog.models import BlogPage
from tests.browser.logging_in import fill_in_the_log_in_form
from tests.i18n.helpers import translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PUBLIC_SLUG = "werkplezier-begint-bij-de-koffieautomaat"
CLOSED_SLUG = "een-lastig-gesprek-drie-perspectieven"
UNTRANSLATED_SLUG = "jongeren-aan-tafel-bij-de-gemeenteraad"
EMAIL, PASSWORD = "vera@samen.test", "samen-vertaler"


@pytest.fixture
def demo(live_server):
    call_command("load_demo", verbosity=0)
    public = BlogPage.objects.get(slug=PUBLIC_SLUG, locale__language_code="nl")
    closed = BlogPage.objects.get(slug=CLOSED_SLUG, locale__language_code="nl")
    translate(closed, {}, lambda execute: nullcontext())
    return public, closed


def refusals(page):
    """What the site's Content-Security-Policy refuses in the browser, as it happens."""
    refused = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    return refused


def log_in(page, live_server):
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/nl/account/login/\?next=(/|%2F)admin(/|%2F)$"))
    fill_in_the_log_in_form(page, EMAIL, PASSWORD)
    expect(page).to_have_url(f"{live_server.url}/admin/")


def translation_of(post):
    return Translation.objects.get(source__object_id=post.translation_key, target_locale__language_code="en")


def test_a_translator_translates_public_posts_and_never_meets_a_closed_groups(live_server, page, demo, screenshot_dir):
    public, closed = demo
    refused = refusals(page)

    log_in(page, live_server)

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
    assert refused == [], refused

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


def translate_string(page, source_text, english):
    segment = page.locator("li", has=page.locator("p", has_text=source_text)).last
    segment.get_by_role("button", name="Vertaal").click()
    segment.locator("textarea").fill(english)
    segment.get_by_role("button", name="Opslaan").click()
    expect(segment.get_by_role("button", name="Bewerk")).to_be_visible()


def test_a_translator_translates_syncs_and_publishes(live_server, page, demo, screenshot_dir):
    dutch = BlogPage.objects.get(slug=UNTRANSLATED_SLUG, locale__language_code="nl")
    refused = refusals(page)
    log_in(page, live_server)

    # "Vertalen": English is the one language left, and it is ticked already.
    page.goto(f"{live_server.url}/admin/localize/submit/page/{dutch.pk}/")
    expect(page.get_by_role("checkbox", name="English")).to_be_checked()
    page.get_by_role("button", name="Verzenden").click()
    expect(page.get_by_role("button", name="Publiceer in English")).to_be_visible()

    # The title, and the address right under it, then publish with the rest still Dutch.
    translate_string(page, dutch.title, "Young people at the council's table")
    translate_string(page, dutch.slug, "young-people-at-the-councils-table")
    page.get_by_role("button", name="Publiceer in English").click()
    expect(page.get_by_role("heading", name="Een onvolledige vertaling publiceren?")).to_be_visible()
    expect(page.get_by_text("nog niet in het Engels vertaald")).to_be_visible()
    page.screenshot(path=screenshot_dir / "translator-incomplete.png", full_page=True)
    page.get_by_role("button", name="Toch publiceren").click()
    english = dutch.get_translation(translation_of(dutch).target_locale)
    expect(page).to_have_url(re.compile(rf"/admin/pages/{english.pk}/edit/"))
    english.refresh_from_db()
    assert english.live and english.title == "Young people at the council's table"

    # An editor gives the Dutch post a new title.
    dutch = BlogPage.objects.get(pk=dutch.pk)
    dutch.title = "Jongeren schuiven aan bij de gemeenteraad"
    dutch.save_revision(user=dutch.author).publish()

    # The translator syncs the English version from the Dutch page's actions.
    page.goto(f"{live_server.url}/admin/pages/{dutch.pk}/edit/")
    page.locator("#w-slim-header-buttons").get_by_role("button", name="Acties").click()
    page.get_by_role("link", name="Synchroniseer vertaalde pagina's").click()
    expect(page.get_by_role("heading", name=re.compile("Huidige vertalingen bijwerken"))).to_be_visible()
    page.get_by_role("button", name="Verzenden").click()

    # In the English editor the new title waits, untranslated; she translates it and publishes.
    page.goto(f"{live_server.url}/admin/pages/{english.pk}/edit/")
    translate_string(page, "Jongeren schuiven aan bij de gemeenteraad", "Young people join the council")
    page.get_by_role("button", name="Publiceer in English").click()
    page.get_by_role("button", name="Toch publiceren").click()
    expect(page).to_have_url(re.compile(rf"/admin/pages/{english.pk}/edit/"))
    english.refresh_from_db()
    assert english.title == "Young people join the council"

    page.goto(f"{live_server.url}{english.url}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Young people join the council")
    page.screenshot(path=screenshot_dir / "translator-published.png", full_page=True)
    assert refused == [], refused
