"""No redirect leaves the site, whatever a link's `next` says: the language switch, the
log-in and the reaction endpoints all refuse addresses elsewhere."""

import pytest

from accounts.factories import DEFAULT_PASSWORD
from blog.factories import BlogPageFactory
from engagement.models import Reaction
from tests.engagement.helpers import POST_URL, reaction_data, verified_member

from .helpers import assert_on_site

pytestmark = pytest.mark.django_db

# What the server sees as `next`.
ELSEWHERE = [
    "//evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "https:evil.example",
    "https://evil.example/",
    "https://evil.example/nl/",
    "http:/evil.example",
    "http:///evil.example",
    "///evil.example",
    " //evil.example",
    "/\t/evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "http://testserver@evil.example/",
]
# Sent as they would appear in a link, percent-encoded: the server decodes them.
ELSEWHERE_RAW_QUERY = ["%2F%2Fevil.example", "%5C%5Cevil.example", "%2F%5Cevil.example", "%20%2F%2Fevil.example"]


@pytest.fixture
def member(db):
    return verified_member(display_name="Bram Kuipers", email="bram@samen.test")


@pytest.fixture
def post(group):
    return BlogPageFactory(parent=group, title="Samen leren", slug="samen-leren")


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_language_switch_stays_on_the_site(client, home, target):
    response = client.get("/taal/en/", {"next": target})
    assert response.status_code == 302
    assert_on_site(response["Location"])


@pytest.mark.parametrize("raw", ELSEWHERE_RAW_QUERY)
def test_the_language_switch_stays_on_the_site_with_encoded_targets(client, home, raw):
    response = client.get(f"/taal/en/?next={raw}&untranslated=1")
    assert response.status_code == 302
    assert_on_site(response["Location"])
    assert response["Location"] == "/en/"


@pytest.mark.parametrize("target", ["/en/", "/nl/groepen/menskracht/?page=2", "/en/leden/1/"])
def test_the_language_switch_follows_paths_on_the_site(client, home, target):
    response = client.get("/taal/en/", {"next": target})
    assert response["Location"] == target


@pytest.mark.parametrize("target", ELSEWHERE)
def test_logging_in_stays_on_the_site(client, member, target):
    response = client.post("/en/account/login/", {"login": member.email, "password": DEFAULT_PASSWORD, "next": target})
    assert response.status_code == 302, "the log-in did not succeed"
    assert_on_site(response["Location"])
    assert "_auth_user_id" in client.session


def test_logging_in_follows_a_path_on_the_site(client, member):
    response = client.post(
        "/en/account/login/", {"login": member.email, "password": DEFAULT_PASSWORD, "next": "/en/blogs/"}
    )
    assert response["Location"] == "/en/blogs/"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_log_in_page_of_a_logged_in_member_stays_on_the_site(client, member, target):
    client.force_login(member)
    response = client.get("/en/account/login/", {"next": target})
    assert response.status_code == 302
    assert_on_site(response["Location"])


@pytest.mark.parametrize("raw", ELSEWHERE_RAW_QUERY)
def test_the_log_in_page_stays_on_the_site_with_encoded_targets(client, member, raw):
    client.force_login(member)
    response = client.get(f"/en/account/login/?next={raw}")
    assert response.status_code == 302
    assert_on_site(response["Location"])


@pytest.mark.parametrize("target", ELSEWHERE)
def test_placing_a_reaction_stays_on_the_site(client, member, post, target):
    client.force_login(member)
    response = client.post(POST_URL, reaction_data(post, "Goed verhaal", next_url=target))
    assert response.status_code == 302
    assert_on_site(response["Location"])
    assert Reaction.objects.filter(comment="Goed verhaal").exists()


@pytest.mark.parametrize("target", ELSEWHERE)
def test_reaction_choices_stay_on_the_site(client, target):
    response = client.get("/reacties/voorkeur/", {"next": target, "order": "newest"})
    assert response.status_code == 302
    assert_on_site(response["Location"])


@pytest.mark.parametrize("raw", ELSEWHERE_RAW_QUERY)
def test_reaction_choices_stay_on_the_site_with_encoded_targets(client, raw):
    response = client.get(f"/reacties/voorkeur/?next={raw}")
    assert response.status_code == 302
    assert_on_site(response["Location"])


@pytest.mark.parametrize("target", ELSEWHERE)
def test_following_stays_on_the_site(client, member, post, target):
    client.force_login(member)
    response = client.post(f"/reacties/volgen/{post.pk}/", {"action": "follow", "next": target})
    assert response.status_code == 302
    assert_on_site(response["Location"])


def test_the_on_site_check_itself_refuses_what_browsers_read_as_elsewhere():
    for location in ["//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/", "evil"]:
        with pytest.raises(AssertionError):
            assert_on_site(location)
    for location in ["/", "/en/", "/%2F%2Fevil.example", "http://testserver/nl/"]:
        assert_on_site(location)
