import datetime
import re

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest
from playwright.sync_api import expect

from accounts.models import User
from blog.models import BlogPage
from engagement.reactions import store_reaction

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POST_SLUG = "werkplezier-begint-bij-de-koffieautomaat"


def add_reactions(post, author, how_many):
    start = timezone.now() - datetime.timedelta(days=2)
    for number in range(how_many):
        when = start + datetime.timedelta(minutes=number)
        store_reaction(post, author, f"Eerdere reactie nummer {number + 1}", submit_date=when)


def confirmation_link(live_server):
    body = mail.outbox[-1].body
    link = re.search(r"https?://\S+/account/confirm-email/\S+/", body).group(0)
    # Mail links carry the site's own address; the test server listens elsewhere.
    return re.sub(r"^https?://[^/]+", live_server.url, link)


def test_reader_signs_up_confirms_logs_in_reacts_and_replies(live_server, page, screenshot_dir):
    call_command("load_demo", verbosity=0)
    post = BlogPage.objects.get(slug=POST_SLUG)
    add_reactions(post, User.objects.get(email="bram@samen.test"), 12)
    post_url = f"{live_server.url}{post.url}"

    # An anonymous reader is told that reacting needs an account.
    page.goto(post_url)
    form_area = page.locator("#reageren")
    expect(form_area).to_contain_text("Reageren is alleen mogelijk voor aangemelde gebruikers")

    # Sign up and confirm the address from the mail.
    page.goto(f"{live_server.url}/nl/account/signup/")
    page.get_by_label("E-mail").fill("lotte@samen.test")
    page.get_by_label("Weergavenaam").fill("Lotte Jansen")
    page.get_by_label("Wachtwoord").first.fill("een-lang-wachtwoord-42")
    page.get_by_label("Wachtwoord (bevestigen)").fill("een-lang-wachtwoord-42")
    page.get_by_role("checkbox", name=re.compile("privacyverklaring")).check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bevestig je e-mailadres")
    page.goto(confirmation_link(live_server))
    page.get_by_role("button", name="Bevestigen").click()
    page.screenshot(path=str(screenshot_dir / "member-confirmed.png"), full_page=True)

    # Log out, then log in from the post: the log-in brings the reader back to the form.
    page.get_by_role("navigation", name="Jouw account").get_by_role("button", name="Afmelden").click()
    page.goto(post_url)
    page.get_by_role("link", name="Meld je aan om te reageren").click()
    page.get_by_label("E-mail").fill("LOTTE@samen.test")
    page.get_by_label("Wachtwoord").first.fill("een-lang-wachtwoord-42")
    page.get_by_role("button", name="Aanmelden", exact=True).click()
    expect(page).to_have_url(re.compile(re.escape(post.url) + r"#reageren$"))

    # React.
    page.locator("#reaction-text-new").fill("Wat een **mooi** verhaal, dank je!")
    page.get_by_role("button", name="Reactie plaatsen").click()
    mine = page.locator(".reaction", has_text="Wat een mooi verhaal").first
    expect(mine).to_be_visible()
    expect(mine.locator("strong")).to_have_text("mooi")
    expect(mine.get_by_role("link", name="Lotte Jansen")).to_be_visible()

    # Reply to the first reaction of the thread.
    first = page.locator(".reaction-list > .reaction").first
    first.locator("summary", has_text="Beantwoorden").click()
    first.get_by_label("Jouw reactie").fill("Goed punt, dat herken ik.")
    first.get_by_role("button", name="Antwoord plaatsen").click()
    reply = page.locator(".reaction--reply", has_text="Goed punt, dat herken ik.")
    expect(reply).to_be_visible()

    # Newest first, five at a time, loading automatically.
    page.get_by_label("Volgorde van reacties").select_option("newest")
    page.get_by_label("Aantal").select_option("5")
    page.get_by_role("button", name="Toepassen").click()
    expect(page).to_have_url(re.compile(r"order=newest.*count=5"))
    top_level = page.locator("[data-reaction-list] > li.reaction")
    expect(top_level).to_have_count(5)
    expect(top_level.first).to_contain_text("Wat een mooi verhaal")
    page.screenshot(path=str(screenshot_dir / "reactions-newest-five.png"), full_page=True)

    # Reaching the end of the list fetches the next batch without a reload.
    page.locator("[data-reaction-more]").scroll_into_view_if_needed()
    expect(top_level).to_have_count(10)
    page.locator("[data-reaction-more]").scroll_into_view_if_needed()
    expect(top_level).to_have_count(15)
    page.screenshot(path=str(screenshot_dir / "reactions-autoloaded.png"), full_page=True)
