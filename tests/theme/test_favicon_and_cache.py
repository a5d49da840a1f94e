"""/favicon.ico, which browsers ask for by themselves, and the shared page cache: a new
theme shows on every stored page at once."""

from django.core.cache import cache
from django.test import Client

from wagtail.models import Site

import pytest
from PIL import Image

from core.factories import ImageFactory
from core.generated_images import generated_image_file
from tests.helpers import parse
from theme.models import DEFAULT_COLOURS, Font, Theme

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


def test_without_a_theme_the_favicon_is_samens_own(client, site, settings):
    settings.WHITENOISE_USE_FINDERS = True  # the test settings collect no static files
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/images/icons/favicon.ico"
    assert "no-store" in response["Cache-Control"]
    icon = client.get("/favicon.ico", follow=True)
    assert icon.status_code == 200
    assert icon["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # the ICO header


def test_with_a_theme_icon_the_favicon_is_its_small_rendition(client, site):
    icon = ImageFactory(file=generated_image_file("Icoon", size=(400, 400)))
    Theme.objects.create(site=site, favicon=icon)
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    rendition = icon.get_rendition("fill-32x32|format-png")
    assert response["Location"] == rendition.url
    with rendition.file.open() as stored, Image.open(stored) as picture:
        assert (picture.format, picture.size) == ("PNG", (32, 32))


def test_a_new_icon_is_found_at_once(client, site):
    assert client.get("/favicon.ico")["Location"] == "/static/images/icons/favicon.ico"
    icon = ImageFactory(file=generated_image_file("Nieuw icoon", size=(200, 200)))
    Theme.objects.create(site=site, favicon=icon)
    assert client.get("/favicon.ico")["Location"] == icon.get_rendition("fill-32x32|format-png").url


def test_the_favicon_is_answered_as_it_is_asked_for_not_under_a_language(client, site):
    assert client.get("/nl/favicon.ico").status_code == 404
    assert client.post("/favicon.ico").status_code == 405


def test_a_page_served_from_the_shared_cache_shows_the_new_colour_after_the_editor_saves(client, site, home, superuser):
    cache.clear()
    assert client.get(home.url, HTTP_USER_AGENT=BROWSER)["X-Cache"] == "MISS"
    stored = client.get(home.url, HTTP_USER_AGENT=BROWSER)
    assert stored["X-Cache"] == "HIT"
    assert "--samen-color-primary: #0b5d6b;" in stored.content.decode()

    editor = Client()
    editor.force_login(superuser)
    form = {"organisation_name": "Gemeente Voorbeeld", "logo": "", "favicon": "", "font": Font.SYSTEM}
    response = editor.post(
        f"/admin/settings/theme/theme/{site.pk}/", {**form, **DEFAULT_COLOURS, "color_primary": "#3f7f8a"}
    )
    assert response.status_code == 302

    fresh = client.get(home.url, HTTP_USER_AGENT=BROWSER)
    assert fresh.get("X-Cache") != "HIT"
    page = parse(fresh)
    assert "--samen-color-primary: #3f7f8a;" in page.head.style.string
    assert page.select_one(".site-header__brand").get_text(strip=True) == "Gemeente Voorbeeld"
