"""The theme an editor sets in the admin (Instellingen › Huisstijl): colours that would
make text or focus outlines hard to see are refused with the ratio they reach, in the
editor's language, and what the editor typed stays in the form."""

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from wagtail.models import Site

import pytest

from tests.helpers import nl, parse
from theme.models import DEFAULT_COLOURS, Font, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(home):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def editor(superuser):
    client = Client()
    client.force_login(superuser)
    return client


def refusals(theme, language="en"):
    """The messages per field that saving ``theme`` gets, in ``language``."""
    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            theme.full_clean()
        return {field: [str(message) for message in messages] for field, messages in refused.value.message_dict.items()}


def test_samens_own_colours_pass(site):
    theme = Theme(site=site)
    theme.full_clean()
    assert {field: getattr(theme, field) for field in DEFAULT_COLOURS} == DEFAULT_COLOURS
    assert theme.organisation_name == "Samen"
    assert theme.font == Font.SYSTEM


def test_a_theme_with_enough_contrast_everywhere_is_accepted_and_stored_in_lower_case(site):
    theme = Theme(
        site=site,
        organisation_name="Gemeente Voorbeeld",
        color_primary="#3F7F8A",
        color_header="#1A1A1A",
        color_accent="#FF9900",
        color_focus="#C45C00",
        font=Font.SERIF,
    )
    theme.full_clean()
    theme.save()
    theme.refresh_from_db()
    assert (theme.color_primary, theme.color_header, theme.color_accent, theme.color_focus) == (
        "#3f7f8a",
        "#1a1a1a",
        "#ff9900",
        "#c45c00",
    )


@pytest.mark.parametrize(
    ("field", "colour", "expected"),
    [
        (
            "color_primary",
            "#777777",
            "Too little contrast: this colour on white, and white text on this colour, reaches 4.47:1; "
            "at least 4.5:1 is needed.",
        ),
        (
            "color_header",
            "#5a8f99",
            "Too little contrast: white text on this header colour reaches 3.60:1; at least 4.5:1 is needed.",
        ),
        (
            "color_accent",
            "#0b5d6b",
            "Too little contrast: this accent colour on the header colour reaches 1.53:1; at least 3:1 is needed.",
        ),
        (
            "color_focus",
            "#ff9900",
            "Too little contrast: this focus colour on white reaches 2.14:1; at least 3:1 is needed.",
        ),
        (
            "color_focus",
            "#a05000",
            "Too little contrast: this focus colour on the header colour reaches 2.00:1; at least 3:1 is needed.",
        ),
    ],
)
def test_each_rule_refuses_with_the_measured_ratio(site, field, colour, expected):
    theme = Theme(site=site, **{field: colour})
    assert refusals(theme)[field] == [expected]


def test_the_ratio_is_written_the_way_a_dutch_editor_reads_numbers(site):
    messages = refusals(Theme(site=site, color_header="#5a8f99"), "nl")["color_header"]
    assert messages == ["Te weinig contrast: witte tekst op deze kopbalkkleur haalt 3,60:1; nodig is minstens 4,5:1."]


def test_a_darker_header_is_measured_against_the_accent_and_focus_colours_too(site):
    found = refusals(Theme(site=site, color_header="#5a8f99", color_accent="#e0a526", color_focus="#d46a00"))
    assert set(found) == {"color_header", "color_accent", "color_focus"}
    assert "1.64:1" in found["color_accent"][0]
    assert found["color_focus"] == [
        "Too little contrast: this focus colour on the header colour reaches 1.00:1; at least 3:1 is needed."
    ]


@pytest.mark.parametrize("value", ["red", "#12345", "<script>", "#GGGGGG", "", "#" + "a" * 999])
def test_anything_but_six_hexadecimal_digits_is_refused_with_a_clear_message(site, value):
    found = refusals(Theme(site=site, color_primary=value))
    assert list(found) == ["color_primary"]
    if value == "":
        assert found["color_primary"] == ["This field cannot be blank."]
    else:
        assert (
            "Enter a colour as # followed by six hexadecimal digits (0-9 and a-f), such as #0b5d6b."
            in found["color_primary"]
        )


def test_a_refused_colour_is_not_measured_against_the_others(site):
    """A form leaves a field it refused out of the model's check, which then still holds
    the saved value: the other colours are not measured against that one."""
    theme = Theme.objects.create(site=site)
    theme.color_accent = "#0b5d6b"  # 1.53:1 on the saved header colour
    theme.full_clean(exclude=["color_header"])
    assert "color_accent" in refusals(theme)


# --- In the admin -----------------------------------------------------------------------


def admin_url(site):
    return f"/admin/settings/theme/theme/{site.pk}/"


def form_data(**changes):
    data = {
        "organisation_name": "Samen",
        "logo": "",
        "favicon": "",
        **DEFAULT_COLOURS,
        "font": Font.SYSTEM,
    }
    return {**data, **changes}


def test_the_theme_is_in_the_settings_menu_with_its_palette(editor, site):
    menu = editor.get("/admin/").content.decode()
    assert admin_url(site).rsplit("/", 2)[0] in menu
    response = editor.get(admin_url(site))
    assert response.status_code == 200
    page = parse(response)
    for field in ("organisation_name", "logo", "favicon", *DEFAULT_COLOURS, "font"):
        assert page.find(attrs={"name": field}) is not None, field
    assert page.find("input", attrs={"name": "color_focus"})["value"] == "#d46a00"


def test_the_editor_sees_the_refusal_on_the_field_and_keeps_what_was_typed(editor, site):
    response = editor.post(
        admin_url(site), form_data(organisation_name="Gemeente Voorbeeld", color_header="#5a8f99", color_primary="red")
    )
    assert response.status_code == 200
    page = parse(response)
    text = page.get_text(" ")
    assert "Te weinig contrast: witte tekst op deze kopbalkkleur haalt 3,60:1; nodig is minstens 4,5:1." in text
    assert nl("Enter a colour as # followed by six hexadecimal digits (0-9 and a-f), such as #0b5d6b.") in text
    assert page.find("input", attrs={"name": "color_header"})["value"] == "#5a8f99"
    assert page.find("input", attrs={"name": "color_primary"})["value"] == "red"
    assert page.find("input", attrs={"name": "organisation_name"})["value"] == "Gemeente Voorbeeld"
    assert not Theme.objects.filter(site=site, color_header="#5a8f99").exists()


def test_a_good_theme_saved_in_the_admin_is_stored(editor, site):
    response = editor.post(
        admin_url(site),
        form_data(organisation_name="Gemeente Voorbeeld", color_primary="#3F7F8A", font=Font.HUMANIST),
    )
    assert response.status_code == 302
    theme = Theme.objects.get(site=site)
    assert (theme.organisation_name, theme.color_primary, theme.font) == ("Gemeente Voorbeeld", "#3f7f8a", "humanist")
