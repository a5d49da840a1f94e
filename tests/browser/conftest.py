"""Browser journeys: pytest-playwright driving the system's Chromium against a live server.

Playwright cannot download its own browser here, so it launches Debian's ``chromium``. On
a laptop without it the journeys are skipped; in CI (``CI=true``) a missing browser fails."""

import os
import shutil
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # A Dutch reader: the browser asks for Dutch, as most of Samen's readers' browsers do.
    return {**browser_context_args, "locale": "nl-NL"}
