"""``member_message``: one mail to one member, in the member's language, with the one-click
stop link of RFC 8058 on the site's own address. Templates of the test's own, so that what
is checked is the mailer and not any one mail's wording."""

from django.test import RequestFactory
from django.utils import translation
from django.utils.translation import gettext

import pytest

from accounts.member_mail import member_message
from accounts.models import User

TEMPLATES = {
    "mail/subject.txt": "{% load i18n %}{% translate 'Read the reaction' %}:\n   {{ title }}\n",
    "mail/body.txt": (
        "{% load i18n %}{% get_current_language as active %}active={{ active }} code={{ LANGUAGE_CODE }} "
        "to={{ member.display_name }} text={% translate 'Read the reaction' %} stop={{ stop_url }}"
    ),
    "mail/body.html": '{% load i18n %}<p lang="{{ LANGUAGE_CODE }}">{% translate "Read the reaction" %}</p>'
    '<a href="{{ stop_url }}">stop</a>',
}


@pytest.fixture(autouse=True)
def own_templates(settings):
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {"loaders": [("django.template.loaders.locmem.Loader", TEMPLATES)]},
        }
    ]
    settings.SITE_BASE_URL = "https://samen.example"


def member(language):
    # Never saved: the mailer needs nothing from the database.
    return User(email="mila@samen.test", display_name="Mila Lid", language=language)


def in_language(code, text):
    with translation.override(code):
        return gettext(text)


def make(to, **extra):
    return member_message(to, "mail/subject.txt", "mail/body.txt", {"title": "Samen leren"}, **extra)


@pytest.mark.parametrize(("language", "expected"), [("en", "en"), ("nl", "nl"), ("", "nl")])
@pytest.mark.parametrize("active", ["nl", "en"])
def test_the_mail_is_in_the_members_language_whatever_language_is_active(language, expected, active):
    with translation.override(active):
        mail = make(member(language), html_template="mail/body.html")
        assert translation.get_language() == active, "the active language is left as it was"

    words = in_language(expected, "Read the reaction")
    assert in_language("nl", "Read the reaction") != in_language("en", "Read the reaction")
    assert mail.subject == f"{words}: Samen leren", "one line, spaces collapsed"
    assert f"active={expected} code={expected} to=Mila Lid text={words} " in mail.body
    [(html, kind)] = mail.alternatives
    assert kind == "text/html"
    assert f'<p lang="{expected}">{words}</p>' in html
    assert mail.to == ["mila@samen.test"]


@pytest.mark.parametrize("claimed", ["/stoppen/abc/", "http://evil.example:8080/stoppen/abc/"])
def test_the_stop_link_is_on_the_sites_address_whatever_host_a_request_claimed(claimed):
    if claimed.startswith("http"):  # a link built from a request with a forged Host
        request = RequestFactory(HTTP_HOST="evil.example:8080").get("/")
        assert request.build_absolute_uri("/stoppen/abc/") == claimed
    mail = make(member("nl"), html_template="mail/body.html", stop_url=claimed)

    assert mail.extra_headers == {
        "List-Unsubscribe": "<https://samen.example/stoppen/abc/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    assert mail.body.endswith(" stop=https://samen.example/stoppen/abc/")
    assert '<a href="https://samen.example/stoppen/abc/">' in mail.alternatives[0][0]
    message = mail.message()
    assert message["List-Unsubscribe"] == "<https://samen.example/stoppen/abc/>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "evil.example" not in message.as_string()


def test_a_mail_without_a_stop_link_has_no_list_headers_and_only_text():
    mail = make(member("en"))
    assert mail.extra_headers == {}
    assert mail.alternatives == []
    assert mail.body.endswith(" stop=")
    assert "List-Unsubscribe" not in mail.message()
