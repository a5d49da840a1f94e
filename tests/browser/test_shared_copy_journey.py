"""A member is shown the copy of a page made for readers who are not logged in, as a CDN
that ignores ``Vary: Cookie`` (or the back button after logging in) would show it: the
page's script fetches the personal parts and the member can use them at once. A reader
who is not logged in costs no extra request."""

import time

from django.core.management import call_command

import pytest
from playwright.sync_api import expect

from blog.models import BlogPage
from demo import content
from tests.browser import logging_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

POST_SLUG = "mentorschap-tussen-generaties"
MEMBER = "sanne@samen.test"
PASSWORD = next(spec["password"] for spec in content.USERS if spec["email"] == MEMBER)
MEMBER_NAME = next(spec["display_name"] for spec in content.USERS if spec["email"] == MEMBER)


@pytest.fixture
def post(live_server):
    call_command("load_demo", verbosity=0)
    return BlogPage.objects.get(slug=POST_SLUG, locale__language_code="nl")


def shared_copy(browser, url):
    """The page as a reader who is not logged in gets it (from the shared cache)."""
    context = browser.new_context()
    # Nothing is stored in the second after a purge (loading the demo content purged).
    for _ in range(20):
        response = context.request.get(url)
        if response.headers.get("x-cache") == "HIT":
            break
        time.sleep(0.25)
    assert response.headers["x-cache"] == "HIT"
    body = response.text()
    context.close()
    return body


def serve_shared_copy(page, url, body, personal_requests):
    """Answer every plain request for ``url`` with the shared copy, as a CDN would; the
    script's request for the personal parts goes to the server."""

    def answer(route):
        if route.request.headers.get("x-samen-personal"):
            personal_requests.append(route.request.url)
            route.continue_()
        else:
            route.fulfill(status=200, body=body, headers={"Content-Type": "text/html; charset=utf-8"})

    page.route(url + "*", answer)


def log_in(page, live_server):
    logging_in.log_in(page, live_server, MEMBER, PASSWORD)
    expect(page.get_by_role("navigation", name="Jouw account")).to_contain_text(MEMBER_NAME)


def test_a_member_shown_the_shared_copy_gets_their_own_menu_vote_and_forms(live_server, browser, post):
    url = f"{live_server.url}{post.url}"
    body = shared_copy(browser, url)
    assert MEMBER_NAME not in body

    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    log_in(page, live_server)
    personal_requests = []
    serve_shared_copy(page, url, body, personal_requests)
    page.goto(url)

    account = page.get_by_role("navigation", name="Jouw account")
    expect(account).to_contain_text(MEMBER_NAME)
    expect(account.get_by_role("button", name="Afmelden")).to_be_visible()
    expect(page.locator("#reageren textarea")).to_be_visible()
    assert len(personal_requests) == 1
    assert "persoonlijk=1" in personal_requests[0]

    # The stars that came with the personal parts work in place, with their token.
    widget = page.locator("#beoordeling")
    widget.locator("label[for='beoordeling-4']").click()
    widget.get_by_role("button", name="Beoordeling opslaan").click()
    expect(widget).to_contain_text("4/5 Sterren (1)")
    expect(widget).to_contain_text("Je gaf 4 sterren.")
    context.close()


def test_a_reader_who_is_not_logged_in_makes_no_extra_request(live_server, browser, post):
    url = f"{live_server.url}{post.url}"
    body = shared_copy(browser, url)
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    personal_requests = []
    serve_shared_copy(page, url, body, personal_requests)
    page.goto(url)
    expect(page.get_by_role("navigation", name="Jouw account")).to_contain_text("Aanmelden")
    page.wait_for_load_state("networkidle")
    assert personal_requests == []
    context.close()
