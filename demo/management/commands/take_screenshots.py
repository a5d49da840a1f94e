"""Screenshots of every kind of page a reader meets (demo/tour.py), at a phone's and a
desktop's width, in Dutch and English, in Samen's own look and in another organisation's
(set through the theme, as an editor would), into docs/screenshots/ with an index.

Run by ``make screenshots`` on a scratch database: it loads the demo content, serves the
site on a free port of 127.0.0.1 and drives Debian's Chromium (CHROMIUM_PATH)."""

import io
import os
import shutil
import threading
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
from django.core.wsgi import get_wsgi_application

from wagtail.models import Site

from PIL import Image
from playwright.sync_api import sync_playwright

from demo.tour import tour
from theme.models import Theme

# The viewport of each width: what a reader sees before scrolling.
VIEWPORTS = {390: 844, 1280: 900}
# Another organisation's look: a municipality with a dark red header. Its focus colour
# reaches 3:1 on white and on the header (a saturated blue; an orange would not on red).
MUNICIPALITY = {
    "organisation_name": "Gemeente Rivierstad",
    "color_primary": "#8b1a1a",
    "color_header": "#8b1a1a",
    "color_accent": "#f2c14e",
    "color_focus": "#2d9cdb",
}
LOOKS = ("samen", "gemeente")
# A palette of 256 colours keeps the folder small in git (a third of a true-colour PNG) and
# still shows every colour of the page.
COLOURS = 256
PAGE_TITLES = {
    "home": "Home",
    "blogs": "Blog index",
    "post": "A post",
    "group": "A group",
    "groups": "Groups index",
    "accessibility": "Accessibility statement",
    "search": "Search results",
    "profile": "A member's profile",
    "signup": "Sign up",
    "login": "Log in",
}


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class Command(BaseCommand):
    help = "Screenshots of the demo's pages at 390 and 1280 px, both languages, two looks, into docs/screenshots/."

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(settings.BASE_DIR / "docs" / "screenshots"))
        parser.add_argument("--skip-demo", action="store_true", help="the demo content is loaded already")

    def handle(self, *args, output, skip_demo, **options):
        chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
        if not Path(chromium).exists():
            raise CommandError(f"No Chromium at {chromium}: install Debian's chromium or set CHROMIUM_PATH.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        if not skip_demo:
            call_command("migrate", verbosity=0, interactive=False)
            call_command("load_demo", verbosity=0)

        server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
        server.set_app(StaticFilesHandler(get_wsgi_application()))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        stops = tour()
        written = []
        try:
            for look in LOOKS:
                # The database is changed outside Playwright: its event loop runs while it lives,
                # and Django refuses database calls from the thread of a running loop.
                self.set_look(look)
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox"])
                    for width, height in VIEWPORTS.items():
                        context = browser.new_context(viewport={"width": width, "height": height})
                        page = context.new_page()
                        for stop in stops:
                            page.goto(f"{base}{stop.path}", wait_until="networkidle")
                            name = f"{stop.name}-{width}-{stop.language}-{look}.png"
                            shrink(page.screenshot(), folder / name)
                            written.append((stop, width, look, name))
                        context.close()
                    browser.close()
        finally:
            self.set_look("samen")
            server.shutdown()
            server.server_close()
        self.write_index(folder, written)
        self.stdout.write(f"{len(written)} screenshots in {folder}")

    @staticmethod
    def set_look(look):
        site = Site.objects.get(is_default_site=True)
        theme = Theme.for_site(site)
        defaults = {field.name: field.get_default() for field in Theme._meta.get_fields() if field.name in MUNICIPALITY}
        for name, value in (MUNICIPALITY if look == "gemeente" else defaults).items():
            setattr(theme, name, value)
        theme.full_clean()
        theme.save()
        # Served pages are kept in the page cache: start each look afresh.
        cache.clear()

    @staticmethod
    def write_index(folder, written):
        lines = [
            "# Screenshots",
            "",
            "Made by `make screenshots` (`demo/management/commands/take_screenshots.py`) from the demo",
            "content: what a reader sees before scrolling, at 390 × 844 px (a phone) and 1280 × 900 px,",
            "in Dutch (`nl`) and English (`en`), in Samen's own look (`samen`) and in that of a",
            f"municipality, {MUNICIPALITY['organisation_name']} (`gemeente`: header {MUNICIPALITY['color_header']}).",
            "Files are named `page-width-language-look.png`.",
            "",
            "| page | language | look | 390 px | 1280 px |",
            "| --- | --- | --- | --- | --- |",
        ]
        by_row = {}
        for stop, width, look, name in written:
            by_row.setdefault((stop.name, stop.language, look, stop.path), {})[width] = name
        order = {name: index for index, name in enumerate(PAGE_TITLES)}
        for (page, language, look, path), files in sorted(
            by_row.items(), key=lambda item: (order[item[0][0]], item[0][1] != "nl", LOOKS.index(item[0][2]))
        ):
            cells = " | ".join(f"[{files[width]}]({files[width]})" for width in VIEWPORTS)
            lines.append(f"| {PAGE_TITLES[page]} (`{path}`) | {language} | {look} | {cells} |")
        (folder / "README.md").write_text("\n".join(lines) + "\n")


def shrink(png, path):
    """Save a screenshot as a PNG with a palette: the pages are flat colours and text."""
    with Image.open(io.BytesIO(png)) as picture:
        picture.convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
