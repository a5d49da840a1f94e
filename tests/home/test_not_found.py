"""Unknown addresses answer 404; the bare domain sends readers to the Dutch site."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/nl/bestaat-niet/",
        "/nl/groepen/menskracht/bestaat-niet/",
        "/nl/groepen/bestaat-niet/",
        "/nl/blogs/bestaat-niet/",
    ],
)
def test_unknown_path_is_404(client, group, blog_index, url):
    assert client.get(url).status_code == 404


def test_existing_pages_around_the_unknown_ones_answer(client, group, blog_index):
    for url in ["/nl/", "/nl/groepen/", "/nl/groepen/menskracht/", "/nl/blogs/"]:
        assert client.get(url).status_code == 200, url


def test_root_redirects_to_dutch(client, home):
    response = client.get("/")

    assert response.status_code in (301, 302)
    assert response["Location"] == "/nl/"


def test_the_404_page_is_the_sites_own_and_in_the_readers_language(client, home):
    response = client.get("/nl/bestaat-niet/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Pagina niet gevonden" in body
    assert 'href="/nl/zoeken/"' in body
    english = client.get("/en/does-not-exist/")
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()
