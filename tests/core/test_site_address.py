"""Wagtail's default Site is at SITE_BASE_URL: the migration puts it there, and the deploy
check says when the two part ways."""

from wagtail.models import Site

import pytest

from core.site_address import host_and_port, site_record_matches_base_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("http://127.0.0.1:8000", ("127.0.0.1", 8000)),
        ("https://samen.example.nl", ("samen.example.nl", 443)),
        ("http://samen.example.nl/", ("samen.example.nl", 80)),
        ("https://Samen.Example.nl:8443", ("samen.example.nl", 8443)),
    ],
)
def test_host_and_port_of_an_address(base_url, expected):
    assert host_and_port(base_url) == expected


def test_a_new_database_has_the_default_site_at_site_base_url(settings):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == host_and_port(settings.SITE_BASE_URL)


def test_the_deploy_check_is_quiet_while_they_agree():
    assert site_record_matches_base_url(None) == []


def test_the_deploy_check_warns_when_they_part_ways(settings):
    settings.SITE_BASE_URL = "https://samen.example.nl"
    [warning] = site_record_matches_base_url(None)
    assert warning.id == "samen.W001"
    assert "127.0.0.1:8000" in warning.msg and "https://samen.example.nl" in warning.msg
