"""comments-xtd's own views are not mounted, and reactions under a post nobody may read
are unreachable through every endpoint."""

from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, reverse

import pytest
from django_comments.models import CommentFlag

from blog.factories import BlogPageFactory
from engagement.forms import ReactionForm
from engagement.models import Reaction

from .helpers import final_response, make_reaction, soup

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Geheim concept over de reorganisatie"


@pytest.fixture
def hidden_post(group, author):
    return BlogPageFactory(parent=group, author=author, title=SECRET_TITLE, slug="geheim-concept")


@pytest.fixture
def hidden_reaction(hidden_post, member):
    reaction = make_reaction(hidden_post, member, "Reactie onder het concept")
    hidden_post.unpublish()
    return reaction


def xtd_addresses(reaction):
    ct = ContentType.objects.get_for_model(Reaction)
    page_ct = ContentType.objects.get_for_id(reaction.content_type_id)
    rid, pk = reaction.pk, reaction.object_pk
    return [
        "/comments/",
        "/comments/post/",
        f"/comments/flag/{rid}/",
        f"/comments/cr/{page_ct.pk}/{pk}/",
        f"/comments/api/{page_ct.app_label}-{page_ct.model}/{pk}/",
        f"/comments/reply/{rid}/",
        f"/reacties/api/{page_ct.app_label}-{page_ct.model}/{pk}/",
        f"/reacties/api/{page_ct.app_label}-{page_ct.model}/{pk}/count/",
        f"/reacties/api/feedback/?comment={rid}",
        f"/reacties/api/flag/?comment={rid}",
        "/reacties/post/",
        f"/reacties/reply/{rid}/",
        f"/reacties/sent/?c={rid}",
        f"/reacties/cr/{page_ct.pk}/{pk}/",
        f"/reacties/cr/{ct.pk}/{rid}/",
        f"/reacties/flag/{rid}/",
        f"/reacties/like/{rid}/",
        f"/reacties/dislike/{rid}/",
        f"/reacties/mute/{rid}/",
        f"/reacties/delete/{rid}/",
        f"/reacties/approve/{rid}/",
        f"/reacties/flagged/?c={rid}",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_comments_xtd_endpoints_are_switched_off(client, hidden_post, hidden_reaction, method):
    url_of_post = hidden_post.url or hidden_post.get_url_parts()[2]
    for address in xtd_addresses(hidden_reaction):
        response = final_response(client, method, address)
        assert response.status_code == 404, address
        body = response.content.decode()
        assert SECRET_TITLE not in body, address
        assert "geheim-concept" not in body, address
        assert url_of_post not in body, address
    assert not CommentFlag.objects.exists()
    assert Reaction.objects.count() == 1


@pytest.mark.parametrize(
    "name, args",
    [
        ("comments-xtd-reply", [1]),
        ("comments-xtd-sent", []),
        ("comments-post-comment", []),
        ("comments-flag", [1]),
        ("comments-xtd-like", [1]),
        ("comments-xtd-api-list", ["blog-blogpage", 1]),
        ("comments-url-redirect", [1, "1"]),
    ],
)
def test_comments_xtd_urls_are_not_mounted(name, args):
    with pytest.raises(NoReverseMatch):
        reverse(name, args=args)


class TestUnpublishedPost:
    def test_reaction_endpoints_answer_404_even_to_its_author(self, client, member, hidden_post, hidden_reaction):
        client.force_login(member)
        rid = hidden_reaction.pk
        for method, address in [
            ("get", f"/reacties/{rid}/bewerken/"),
            ("post", f"/reacties/{rid}/bewerken/"),
            ("get", f"/reacties/{rid}/verwijderen/"),
            ("post", f"/reacties/{rid}/verwijderen/"),
            ("post", f"/reacties/{rid}/melden/"),
            ("get", f"/reacties/lijst/{hidden_post.pk}/"),
            ("post", f"/reacties/volgen/{hidden_post.pk}/"),
            ("post", f"/reacties/sluiten/{hidden_post.pk}/"),
        ]:
            response = final_response(client, method, address, {"comment": "Gewijzigd", "action": "close"})
            assert response.status_code == 404, address
            assert SECRET_TITLE not in response.content.decode(), address
        hidden_reaction.refresh_from_db()
        assert hidden_reaction.comment == "Reactie onder het concept"
        assert not hidden_reaction.is_removed
        assert not CommentFlag.objects.exists()

    def test_posting_under_it_is_refused(self, client, member, hidden_post, hidden_reaction):
        client.force_login(member)
        data = {**ReactionForm(hidden_post).initial, "comment": "Toch", "reply_to": 0}
        assert client.post("/reacties/plaatsen/", data).status_code == 400
        assert Reaction.objects.count() == 1

    def test_profile_does_not_list_it(self, client, member, post, hidden_reaction):
        make_reaction(post, member, "Reactie onder een gepubliceerd bericht")
        page = client.get(f"/nl/leden/{member.pk}/")
        bodies = [b.get_text(strip=True) for b in soup(page).select(".profile-reactions .reaction__body")]
        assert bodies == ["Reactie onder een gepubliceerd bericht"]
        assert SECRET_TITLE not in page.content.decode()
