"""What a theme changes on every page: the brand variables in the head, the site icons,
the header's logo and name, and the name in the title; all of it for no query once the
site's look is known."""

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

import pytest

from core.factories import ImageFactory
from core.generated_images import generated_image_file
from tests.helpers import parse
from theme.look import look_for_request, look_of
from theme.models import FONT_STACKS, Font, Theme
from theme.style import root_style

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


def root_variables(soup):
    style = soup.head.find("style").string
    declarations = style.split("{", 1)[1].rsplit("}", 1)[0]
    return dict(part.strip().split(": ", 1) for part in declarations.split(";") if part.strip())


def test_without_a_theme_a_page_has_samens_own_look(client, home):
    soup = parse(client.get(home.url))
    assert root_variables(soup) == {
        "--samen-color-primary": "#0b5d6b",
        "--samen-color-header": "#073f49",
        "--samen-color-accent": "#e0a526",
        "--samen-color-focus": "#d46a00",
        "--samen-font-family": FONT_STACKS[Font.SYSTEM],
    }
    assert soup.find("meta", attrs={"name": "theme-color"})["content"] == "#073f49"
    icons = {link["href"] for link in soup.find_all("link", rel="icon")}
    assert icons == {
        "/static/images/icons/favicon.ico",
        "/static/images/icons/favicon.svg",
        "/static/images/icons/icon-192.png",
    }
    assert soup.find("link", rel="apple-touch-icon")["href"] == "/static/images/icons/apple-touch-icon.png"
    brand = soup.select_one(".site-header__brand")
    assert brand["href"] == "/nl/"
    assert brand.img["src"] == "/static/images/samen-logo.svg"
    assert brand.img["alt"] == ""
    assert brand.get_text(strip=True) == "Samen"
    # Nothing is stored for a site without a theme.
    assert not Theme.objects.exists()


def test_a_theme_sets_the_colours_font_icons_logo_and_name(client, site, home):
    logo = ImageFactory(file=generated_image_file("Logo voorbeeld", size=(300, 100)))
    icon = ImageFactory(file=generated_image_file("Icoon voorbeeld", size=(400, 400)))
    Theme.objects.create(
        site=site,
        organisation_name="Gemeente Voorbeeld",
        logo=logo,
        favicon=icon,
        color_primary="#3f7f8a",
        color_header="#1a1a1a",
        color_accent="#ff9900",
        color_focus="#c45c00",
        font=Font.SERIF,
    )
    soup = parse(client.get(home.url))
    assert root_variables(soup) == {
        "--samen-color-primary": "#3f7f8a",
        "--samen-color-header": "#1a1a1a",
        "--samen-color-accent": "#ff9900",
        "--samen-color-focus": "#c45c00",
        "--samen-font-family": FONT_STACKS[Font.SERIF],
    }
    assert soup.find("meta", attrs={"name": "theme-color"})["content"] == "#1a1a1a"
    (favicon,) = soup.find_all("link", rel="icon")
    assert favicon["href"] == icon.get_rendition("fill-32x32|format-png").url
    assert (favicon["sizes"], favicon["type"]) == ("32x32", "image/png")
    touch = icon.get_rendition("fill-180x180|bgcolor-ffffff|format-png")
    assert soup.find("link", rel="apple-touch-icon")["href"] == touch.url
    assert (touch.width, touch.height) == (180, 180)

    brand = soup.select_one(".site-header__brand")
    assert brand.get_text(strip=True) == "Gemeente Voorbeeld"
    assert brand.img["src"] == logo.get_rendition("height-40").url
    assert (brand.img["width"], brand.img["height"], brand.img["alt"]) == ("120", "40", "")
    assert brand.img["srcset"] == f"{logo.get_rendition('height-80').url} 2x"
    # The name also ends the window's title and names the site to link previews.
    assert soup.title.string.endswith(" · Gemeente Voorbeeld")
    assert soup.find("meta", property="og:site_name")["content"] == "Gemeente Voorbeeld"
    assert parse(client.get("/nl/account/login/")).title.string.endswith(" · Gemeente Voorbeeld")


def test_the_logo_stands_in_for_a_missing_icon(site):
    logo = ImageFactory(file=generated_image_file("Logo zonder icoon", size=(300, 100)))
    look = look_of(Theme(site=site, logo=logo))
    assert look["icon"] == logo.get_rendition("fill-32x32|format-png").url


def test_the_name_tag_gives_the_organisations_name_escaped(site, rf):
    Theme.objects.create(site=site, organisation_name="Jansen & Zonen <b>")
    request = rf.get("/nl/", HTTP_HOST=site.hostname)
    html = Template("{% load theme_tags %}<title>Nieuws · {% organisation_name %}</title>").render(
        Context({"request": request})
    )
    assert html == "<title>Nieuws · Jansen &amp; Zonen &lt;b&gt;</title>"


def test_without_a_request_templates_get_samens_defaults():
    html = Template("{% load theme_tags %}{% organisation_name %}").render(Context({}))
    assert html == "Samen"


def test_colours_that_bypassed_the_checks_never_reach_the_style(site, rf):
    """Only checked colours are stored, but the style element is where a stray value could
    do harm: one written straight into the database is replaced by the default."""
    Theme.objects.create(site=site)
    Theme.objects.update(color_primary="</style", color_header="red;}", font="'; } a{")
    request = rf.get("/nl/", HTTP_HOST=site.hostname)
    css = root_style(look_for_request(request))
    assert "<" not in css and "red" not in css and "'" not in css
    assert "--samen-color-primary: #0b5d6b;" in css
    assert "--samen-color-header: #073f49;" in css
    assert f"--samen-font-family: {FONT_STACKS[Font.SYSTEM]};" in css


def test_a_page_asks_nothing_about_the_theme_once_its_look_is_known(client, site, home):
    Theme.objects.create(site=site, color_primary="#3f7f8a", logo=ImageFactory())
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(home.url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(home.url).status_code == 200
    about_the_theme = [
        q["sql"] for q in queries.captured_queries if "theme_theme" in q["sql"] or "rendition" in q["sql"]
    ]
    assert about_the_theme == []


def test_the_look_is_worked_out_with_one_query_per_site(site):
    Theme.objects.create(site=site, color_primary="#3f7f8a")
    request = RequestFactory().get("/nl/", HTTP_HOST=site.hostname)
    request._wagtail_site = site
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        look_for_request(request)
        look_for_request(request)
    assert len(queries.captured_queries) == 1
    assert look_for_request(request)["colours"]["color_primary"] == "#3f7f8a"


def test_saving_the_theme_shows_the_new_look_at_once(client, site, home):
    theme = Theme.objects.create(site=site)
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert "#0b5d6b" in client.get(home.url).content.decode()
        theme.color_primary = "#3f7f8a"
        theme.save()
        assert "--samen-color-primary: #3f7f8a;" in client.get(home.url).content.decode()


def test_replacing_the_logos_file_in_the_admin_shows_the_new_file(client, site, home, superuser):
    logo = ImageFactory(title="Logo", file=generated_image_file("Eerste logo", size=(300, 100)))
    Theme.objects.create(site=site, logo=logo)
    editor = Client()
    editor.force_login(superuser)
    with override_settings(PAGE_CACHE_SECONDS=0):
        before = parse(client.get(home.url)).select_one(".site-header__brand img")
        assert (before["width"], before["height"]) == ("120", "40")
        form = parse(editor.get(f"/admin/images/{logo.pk}/")).find("form", enctype="multipart/form-data")
        data = {
            field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("type") != "file"
        }
        data.update({area["name"]: area.get_text() for area in form.find_all("textarea")})
        data.update(
            {select["name"]: select.find("option", selected=True)["value"] for select in form.find_all("select")}
        )
        new_file = generated_image_file("Tweede logo", size=(200, 100))
        response = editor.post(
            f"/admin/images/{logo.pk}/",
            {**data, "file": SimpleUploadedFile("logo.png", new_file.file.getvalue(), "image/png")},
        )
        assert response.status_code == 302, [
            e.get_text(" ", strip=True) for e in parse(response).select(".error-message, .help-critical, [role=alert]")
        ]
        after = parse(client.get(home.url)).select_one(".site-header__brand img")
    assert after["src"] != before["src"]
    assert (after["width"], after["height"]) == ("80", "40")


def test_deleting_the_logo_brings_back_samens_own(client, site, home):
    logo = ImageFactory()
    Theme.objects.create(site=site, logo=logo)
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert "samen-logo.svg" not in str(parse(client.get(home.url)).select_one(".site-header__brand"))
        logo.delete()
        brand = parse(client.get(home.url)).select_one(".site-header__brand")
    assert brand.img["src"] == "/static/images/samen-logo.svg"
