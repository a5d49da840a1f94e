"""Every kind of page a reader meets, at a small phone's width up to a desktop's, in Dutch
and English: nothing scrolls sideways and axe-core finds no accessibility violation. Below
768 px the header's menu button opens and closes with the keyboard alone.

axe-core comes from the axe-playwright-python package; it is evaluated into the page
through the browser's debugging protocol, which the page's Content-Security-Policy does
not govern, so the policy stays as strict as readers get it."""

from django.core.management import call_command

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from demo.tour import tour

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (320, 390, 768, 1280)
PHONE_WIDTHS = (320, 390)
HEIGHT = 900


def sideways_overflow(page):
    """How many pixels the document is wider than the window, and the widest culprits."""
    return page.evaluate(
        """() => {
            const width = window.innerWidth;
            const over = document.documentElement.scrollWidth - width;
            if (over <= 0) return null;
            const culprits = [...document.querySelectorAll('body *')]
                .filter((element) => element.getBoundingClientRect().right > width + 0.5)
                .slice(0, 5)
                .map((element) => {
                    const classes = [...element.classList].join('.');
                    return `${element.tagName.toLowerCase()}${classes ? '.' + classes : ''}`
                        + ` (right edge ${Math.round(element.getBoundingClientRect().right)})`;
                });
            return {over, culprits};
        }"""
    )


def violations(axe, page):
    results = axe.run(page)
    # axe really ran its rules on this page (the policy did not stop it).
    assert results.response["passes"], results.response.get("url")
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
    ]


def test_no_page_scrolls_sideways_or_breaks_an_accessibility_rule(live_server, browser):
    call_command("load_demo", verbosity=0)
    stops = tour()
    axe = Axe()
    problems = []
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": HEIGHT})
        page = context.new_page()
        for stop in stops:
            where = f"{stop.path} at {width} px"
            response = page.goto(f"{live_server.url}{stop.path}")
            if response is None or response.status != 200 or page.url != f"{live_server.url}{stop.path}":
                problems.append(f"{where}: answered {response.status if response else 'nothing'} at {page.url}")
                continue
            overflow = sideways_overflow(page)
            if overflow:
                problems.append(
                    f"{where}: {overflow['over']} px wider than the window; {', '.join(overflow['culprits'])}"
                )
            problems.extend(f"{where}: {violation}" for violation in violations(axe, page))
        context.close()
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", PHONE_WIDTHS)
def test_the_menu_button_opens_and_closes_with_the_keyboard(live_server, browser, width):
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, locale="nl-NL")
    page = context.new_page()
    # Pages that exist without the demo: the home page the migrations made, and a form.
    for path in ("/nl/", "/en/account/login/"):
        page.goto(f"{live_server.url}{path}")
        button = page.locator("header button[aria-controls][aria-expanded]")
        expect(button).to_have_count(1)
        expect(button).to_be_visible()
        expect(button).to_have_attribute("aria-expanded", "false")
        menu = page.locator(f"#{button.get_attribute('aria-controls')}")
        links = menu.get_by_role("link")
        expect(links.first).to_be_hidden()

        for _ in range(30):
            page.keyboard.press("Tab")
            if button.evaluate("element => element === document.activeElement"):
                break
        expect(button).to_be_focused()

        page.keyboard.press("Enter")
        expect(button).to_have_attribute("aria-expanded", "true")
        assert links.count() > 0
        for index in range(links.count()):
            expect(links.nth(index)).to_be_visible()
            box = links.nth(index).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{path}: link {index} outside the window"

        page.keyboard.press("Escape")
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(links.first).to_be_hidden()
        expect(button).to_be_focused()
        # The page still fits the phone with the menu open and closed.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    context.close()


def test_without_javascript_the_phones_menu_is_a_plain_list(live_server, browser):
    """No script, no button to press (it stays hidden): the header shows its links, the
    search and the language switch as they are, and the page still fits a small phone."""
    context = browser.new_context(viewport={"width": 320, "height": HEIGHT}, locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/nl/")
    header = page.locator("header").first
    expect(header.locator("button[aria-expanded]")).to_be_hidden()
    expect(header.get_by_role("link", name="Aanmelden")).to_be_visible()
    expect(header.get_by_role("link", name="Engels")).to_be_visible()
    expect(header.get_by_role("searchbox")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
