"""A member gives a post stars with the keyboard alone: with JavaScript the rating is sent
in place, without it the form posts and the page comes back with the new average."""

import re

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from accounts.models import User
from blog.models import BlogPage
from demo import content
from engagement.models import Rating
from tests.browser.logging_in import second_step_if_asked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# A demo post nobody has rated yet, written by someone other than the member below.
POST_SLUG = "mentorschap-tussen-generaties"
MEMBER = "sanne@samen.test"
PASSWORD = next(spec["password"] for spec in content.USERS if spec["email"] == MEMBER)


@pytest.fixture
def post(live_server):
    call_command("load_demo", verbosity=0)
    return BlogPage.objects.get(slug=POST_SLUG, locale__language_code="nl")


def log_in_with_keyboard(page, live_server, post):
    page.goto(f"{live_server.url}{post.url}")
    login = page.get_by_role("link", name="Log in om sterren te geven")
    login.focus()
    page.keyboard.press("Enter")
    page.get_by_label("E-mail").focus()
    page.keyboard.type(MEMBER)
    page.get_by_label("Wachtwoord").first.focus()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    second_step_if_asked(page, MEMBER, keyboard=True)
    expect(page).to_have_url(re.compile(re.escape(post.url) + "#beoordeling$"))


def tab_to_first_star(page):
    """Press Tab from the top of the page until a star has focus, as a keyboard user would."""
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('stars__input')"):
            return
    raise AssertionError("Tab never reached the stars")


def focused(page):
    return page.evaluate(
        "({value: document.activeElement.value, name: document.activeElement.name,"
        " text: document.activeElement.textContent.trim()})"
    )


def test_member_rates_changes_and_withdraws_with_the_keyboard(live_server, page, post, screenshot_dir):
    widget = page.locator("#beoordeling")
    log_in_with_keyboard(page, live_server, post)
    expect(widget).to_contain_text("nog geen beoordelingen")
    page.evaluate("window.notReloaded = true")

    # Into the stars, choose the fourth with the arrow keys, then Tab to "save" and press Enter.
    tab_to_first_star(page)
    page.keyboard.press("Space")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert focused(page)["value"] == "4"
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Beoordeling opslaan"
    page.keyboard.press("Enter")

    expect(widget).to_contain_text("4/5 Sterren (1)")
    expect(widget).to_contain_text("Je gaf 4 sterren.")
    expect(widget.locator("[data-rating-status]")).to_have_text("Je beoordeling is opgeslagen.")
    assert page.evaluate("window.notReloaded === true"), "the page reloaded instead of updating in place"
    # Focus comes back to the chosen star, so the member can go on from there.
    assert focused(page) == {"value": "4", "name": "score", "text": ""}
    page.screenshot(path=str(screenshot_dir / "rating-four-stars.png"), full_page=False)

    # One star less.
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(widget).to_contain_text("3/5 Sterren (1)")
    member = User.objects.get(email=MEMBER)
    assert Rating.objects.get(user=member, translation_key=post.translation_key).score == 3

    # Withdraw: past "save" to the next button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Mijn beoordeling intrekken"
    page.keyboard.press("Enter")
    expect(widget).to_contain_text("nog geen beoordelingen")
    expect(widget.locator("[data-rating-status]")).to_have_text("Je beoordeling is ingetrokken.")
    assert not Rating.objects.filter(user=member, translation_key=post.translation_key).exists()
    assert page.evaluate("window.notReloaded === true")


@pytest.mark.browser_context_args(java_script_enabled=False)
def test_without_javascript_the_keyboard_rating_posts_the_form(live_server, page, post):
    log_in_with_keyboard(page, live_server, post)
    tab_to_first_star(page)
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")  # Enter in a radio group sends the form with its first button

    expect(page).to_have_url(re.compile(re.escape(post.url) + "#beoordeling$"))
    expect(page.locator(".messages")).to_contain_text("Je beoordeling is opgeslagen.")
    expect(page.locator("#beoordeling")).to_contain_text("2/5 Sterren (1)")
    expect(page.locator("#beoordeling .stars__input:checked")).to_have_value("2")
