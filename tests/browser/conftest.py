"""Browser journeys: pytest-playwright driving the system's Chromium against a live server.

Playwright cannot download its own browser here, so it launches Debian's ``chromium``. On
a laptop without it the journeys are skipped; in CI (``CI=true``) a missing browser fails."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"

# Playwright's sync API runs an event loop in the test thread; Django refuses database
# access from such a thread unless told that this is a test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Browser tests need Chromium at {CHROMIUM}; CI must install it.")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM} (install Debian's chromium to run these)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
        ],
    }


@pytest.fixture
def screenshot_dir():
    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS


# Playwright and its browser start afresh for every journey. Playwright's sync API keeps an
# event loop running while it lives, and while one runs Django hands the test a separate
# database connection, one that cannot restore the rows the migrations made (the home page,
# the site) after the previous journey emptied the database. With nothing left running
# between journeys, each one starts from the migrated database.
@pytest.fixture
def playwright():
    with sync_playwright() as running:
        yield running


@pytest.fixture
def browser_type(playwright, browser_name):
    return getattr(playwright, browser_name or "chromium")


@pytest.fixture
def browser(browser_type, browser_type_launch_args):
    launched = browser_type.launch(**browser_type_launch_args)
    yield launched
    launched.close()


@pytest.fixture
def browser_context_args():
    # A Dutch reader: the browser asks for Dutch, as most of Samen's readers' browsers do.
    return {"locale": "nl-NL", "viewport": {"width": 1280, "height": 900}}
