"""The accessibility statement and the pages about the site: where they live, how they
read (headings without gaps, the facts as a definition list), and one page per footer
role per language."""

import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse

import pytest

from about.models import AboutPage, AccessibilityStatementPage, FooterRole
from accounts.factories import DEFAULT_PASSWORD
from blog.models import BlogIndexPage
from groups.models import GroupPage
from tests.helpers import get_html, nl, parse

from .conftest import about_page, statement

pytestmark = pytest.mark.django_db


def heading_levels(soup):
    return [int(h.name[1]) for h in soup.find("main").find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]


def assert_no_gaps(levels):
    assert levels[0] == 1 and levels.count(1) == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"a heading skips a level: {levels}"


def test_both_live_only_under_the_home_page(home, group_index, blog_index):
    for model in (AboutPage, AccessibilityStatementPage):
        assert model.can_create_at(home)
        assert not model.can_create_at(group_index)
        assert not model.can_create_at(blog_index)
        assert model.allowed_subpage_models() == []
        assert set(model.allowed_parent_page_models()) == {home.specific_class}
    assert not AboutPage.can_create_at(GroupPage())
    assert not BlogIndexPage.can_create_at(AboutPage())


def test_one_accessibility_statement_per_home(home):
    statement(home)
    assert not AccessibilityStatementPage.can_create_at(home)


def test_an_editor_gets_the_add_form_for_both(client, home, superuser):
    client.login(email=superuser.email, password=DEFAULT_PASSWORD)
    for model in ("aboutpage", "accessibilitystatementpage"):
        url = reverse("wagtailadmin_pages:add", args=["about", model, home.pk])
        assert client.get(url).status_code == 200, model


def test_an_about_page_reads_h1_then_its_own_headings(client, home):
    page = about_page(home, "Colofon", "colofon", FooterRole.COLOPHON)
    soup = get_html(client, page.url)
    assert soup.find("h1").get_text(strip=True) == "Colofon"
    assert [h.get_text(strip=True) for h in soup.find("main").find_all(["h2", "h3"])] == ["Meer weten", "Details"]
    assert_no_gaps(heading_levels(soup))


def test_the_statement_follows_the_model_statement(client, home):
    page = statement(
        home,
        known_problems=(
            '[{"type": "problem", "value": {"problem": "Video zonder ondertitels", "cause": "Van een ander", '
            '"fix": "Samenvatting erbij", "fix_date": "2027-03-01"}}]'
        ),
    )
    soup = get_html(client, page.url)
    main = soup.find("main")

    assert_no_gaps(heading_levels(soup))
    assert [h.get_text(strip=True) for h in main.find_all("h2")] == [
        nl("What this statement covers"),
        nl("Compliance status"),
        nl("How the site was checked"),
        nl("Known problems"),
        nl("Reporting a problem"),
        nl("Not satisfied with the answer?"),
    ]
    facts = main.find("dl", class_="statement-facts")
    terms = {dt.get_text(strip=True): dt.find_next_sibling("dd") for dt in facts.find_all("dt")}
    assert terms[nl("Organisation")].get_text(strip=True) == "Gemeente Samenstad"
    assert terms[nl("Website")].a["href"] == "https://samen.test/"
    assert terms[nl("Compliance status")].get_text(strip=True) == "B: voldoet gedeeltelijk"
    assert terms[nl("Last checked")].time["datetime"] == "2026-12-07"
    assert terms[nl("Last checked")].get_text(strip=True) == "7 december 2026"
    assert terms[nl("Date of this statement")].time["datetime"] == "2026-12-14"

    problem = main.select_one(".known-problems .known-problem")
    assert problem.select_one(".known-problem__what").get_text(strip=True) == "Video zonder ondertitels"
    assert problem.find("time")["datetime"] == "2027-03-01"
    # No text of its own about enforcement: the National Ombudsman, in the site's words.
    assert "Nationale ombudsman" in main.get_text()
    assert main.find("a", href="https://www.nationaleombudsman.nl/")


def test_every_status_has_its_dutch_name_and_explanation(client, home):
    page = statement(home, compliance_status="E")
    soup = get_html(client, page.url)
    assert "E: voldoet niet" in soup.find("main").get_text()
    assert nl("The site does not meet the requirements, and no improvements are planned yet.") in soup.get_text()


def test_a_statement_without_known_problems_says_so(client, home):
    soup = get_html(client, statement(home).url)
    assert nl("No problems are known at the moment.") in soup.find("main").get_text()
    assert soup.select(".known-problem") == []


def test_the_editors_own_enforcement_text_replaces_the_standard_one(client, home):
    page = statement(home, enforcement="<p>Bel de ombudsman van Samenstad.</p>")
    main = get_html(client, page.url).find("main")
    assert "Bel de ombudsman van Samenstad." in main.get_text()
    assert not main.find("a", href="https://www.nationaleombudsman.nl/")


# --- One live page per footer role per language ----------------------------------------


def test_a_second_live_privacy_statement_is_refused_with_the_first_ones_title(home):
    about_page(home, "Privacyverklaring", "privacy", FooterRole.PRIVACY)
    second = AboutPage(title="Privacy en cookies", slug="privacy-en-cookies", footer_role=FooterRole.PRIVACY)
    with pytest.raises(ValidationError) as refused:
        home.add_child(instance=second)
    message = refused.value.message_dict["footer_role"][0]
    assert "Privacyverklaring" in message


def test_the_admin_shows_the_refusal_next_to_the_role_and_keeps_what_was_typed(client, home, superuser):
    about_page(home, "Privacyverklaring", "privacy", FooterRole.PRIVACY)
    client.login(email=superuser.email, password=DEFAULT_PASSWORD)
    url = reverse("wagtailadmin_pages:add", args=["about", "aboutpage", home.pk])
    data = {
        "title": "Privacy en cookies",
        "slug": "privacy-en-cookies",
        "footer_role": "privacy",
        "body-count": "0",
        "action-publish": "publish",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    soup = parse(response)
    assert soup.find("input", attrs={"name": "title"})["value"] == "Privacy en cookies"
    assert "Privacyverklaring" in soup.get_text()
    assert not AboutPage.objects.filter(slug="privacy-en-cookies").exists()


def test_other_roles_repeat_freely_and_a_role_is_free_again_once_unpublished(home):
    about_page(home, "Over ons", "over-ons", FooterRole.OTHER)
    about_page(home, "Geschiedenis", "geschiedenis", FooterRole.OTHER)
    first = about_page(home, "Privacyverklaring", "privacy", FooterRole.PRIVACY)
    first.unpublish()
    about_page(home, "Nieuwe privacyverklaring", "nieuwe-privacy", FooterRole.PRIVACY)
    assert AboutPage.objects.live().filter(footer_role=FooterRole.PRIVACY).count() == 1


def test_the_same_role_in_the_other_language_is_the_translation_not_a_second_page(english_about_pages):
    _home, english = english_about_pages
    assert english["privacy"].footer_role == FooterRole.PRIVACY
    assert english["privacy"].locale.language_code == "en"
    assert english["accessibility"].last_checked == datetime.date(2026, 12, 7)
