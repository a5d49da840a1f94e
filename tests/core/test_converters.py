"""An id too large for the database in any address is the site's 404, never a 500: every
address that takes an id uses ``<id:…>`` (core/converters.py)."""

from django.urls import get_resolver

import pytest

from accounts.factories import UserFactory
from core.converters import LARGEST_ID, DatabaseId

pytestmark = pytest.mark.django_db

TOO_LARGE = "99999999999999999999"


def test_the_converter_takes_ids_up_to_the_largest_the_database_holds():
    converter = DatabaseId()
    assert converter.to_python("42") == 42
    assert converter.to_python(str(LARGEST_ID)) == LARGEST_ID
    with pytest.raises(ValueError):
        converter.to_python(str(LARGEST_ID + 1))


def test_no_address_of_the_site_takes_an_unbounded_number():
    """The site's own views (Wagtail's admin and its utilities keep theirs)."""

    def walk(patterns, start=""):
        for entry in patterns:
            route = start + str(entry.pattern)
            if hasattr(entry, "url_patterns"):
                yield from walk(entry.url_patterns, route)
            else:
                yield route, entry.callback.__module__

    own = ("about", "access", "accounts", "blog", "core", "digests", "engagement", "groups")
    own += ("member_data", "notifications", "pages", "privacy", "profiles", "search", "site_config", "theme")
    routes = [(route, module) for route, module in walk(get_resolver().url_patterns) if module.startswith(own)]
    assert len(routes) > 20
    assert not [route for route, _module in routes if "<int:" in route]


@pytest.mark.parametrize(
    "address",
    [
        f"/reacties/{TOO_LARGE}/melden/",
        f"/reacties/{TOO_LARGE}/bewerken/",
        f"/reacties/{TOO_LARGE}/verwijderen/",
        f"/reacties/{TOO_LARGE}/nuttig/",
        f"/reacties/lijst/{TOO_LARGE}/",
        f"/reacties/volgen/{TOO_LARGE}/",
        f"/beoordelen/{TOO_LARGE}/",
        f"/statistieken/gelezen/{TOO_LARGE}/",
        f"/nl/leden/{TOO_LARGE}/",
        f"/nl/meldingen/gelezen/{TOO_LARGE}/",
    ],
)
def test_an_id_beyond_the_database_is_not_found(client, home, address):
    client.force_login(UserFactory())
    assert client.post(address).status_code == 404
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("address", [f"/admin/users/edit/{TOO_LARGE}/", f"/admin/users/second-factors/{TOO_LARGE}/"])
def test_an_id_beyond_the_database_is_not_found_in_the_user_admin(client, superuser, address):
    client.force_login(superuser)
    assert client.get(address).status_code == 404
    assert client.post(address).status_code == 404
