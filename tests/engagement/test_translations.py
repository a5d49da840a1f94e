"""One thread per post, whatever the language a reader reads it in."""

from wagtail.models import Locale

import pytest

from engagement.models import Follow, Reaction
from engagement.reactions import canonical_post

from .helpers import POST_URL, make_reaction, reaction_data, soup, text_of, thread_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(post):
    locale = Locale.objects.get(language_code="en")
    translated = post.copy_for_translation(locale, copy_parents=True)
    translated.title = "Learning together"
    translated.save_revision().publish()
    translated.refresh_from_db()
    assert translated.live
    return translated


def test_the_english_version_has_its_own_address(post, english):
    assert english.url.startswith("/en/")
    assert english.url != post.url
    assert english.translation_key == post.translation_key


def test_canonical_post_of_the_translation_is_the_dutch_page(post, english):
    canonical = canonical_post(english)
    assert canonical.pk == post.pk
    assert type(canonical) is type(post)
    assert canonical_post(post).pk == post.pk


def test_a_reaction_posted_in_dutch_shows_under_both_versions(client, post, english, member):
    client.force_login(member)
    response = client.post(POST_URL, reaction_data(post, "Gedeelde gedachte"))
    assert response.status_code == 302
    reaction = Reaction.objects.get()
    assert reaction.object_pk == str(post.pk)

    for page in (post, english):
        response = client.get(page.url)
        assert response.status_code == 200
        assert thread_ids(response) == [reaction.pk]
        assert "Gedeelde gedachte" in text_of(response)
    assert soup(client.get(english.url)).select_one("#reactions-heading").get_text(strip=True) == "Reactions (1)"


def test_the_form_on_the_english_page_posts_to_the_dutch_thread(client, post, english, member):
    client.force_login(member)
    form = soup(client.get(english.url)).select_one("#reageren form")
    assert form.select_one("input[name=object_pk]")["value"] == str(post.pk)
    data = {field["name"]: field.get("value", "") for field in form.select("input[name]")}
    data["comment"] = "Written on the English page"
    response = client.post(form["action"], data)
    assert response.status_code == 302
    assert response["Location"].startswith(english.url)
    assert Reaction.objects.get().object_pk == str(post.pk)


def test_security_fields_of_the_english_page_are_refused(client, english, member):
    client.force_login(member)
    response = client.post(POST_URL, reaction_data(english, "Op de vertaling"))
    assert response.status_code == 400
    assert not Reaction.objects.exists()


def test_the_batch_of_the_english_page_is_the_dutch_thread(client, post, english, member):
    reactions = [make_reaction(post, member, f"Reactie {n}") for n in range(7)]
    response = client.get(f"/reacties/lijst/{english.pk}/", {"page": 2, "count": 5})
    assert response.status_code == 200
    assert thread_ids(response) == [r.pk for r in reactions[5:]]


def test_following_from_the_english_page_follows_the_post(client, post, english, member, author, mailoutbox):
    client.force_login(author)
    client.post(f"/reacties/volgen/{english.pk}/", {"action": "follow"})
    assert Follow.objects.filter(user=author, translation_key=post.translation_key).exists()
    client.force_login(member)
    client.post(POST_URL, reaction_data(post, "Nieuw"))
    assert [m.to for m in mailoutbox] == [[author.email]]


def test_closing_on_one_version_closes_both(client, post, english, author, member):
    client.force_login(author)
    client.post(f"/reacties/sluiten/{english.pk}/", {"action": "close"})
    client.force_login(member)
    refused = client.post(POST_URL, reaction_data(post, "Gesloten?"))
    assert refused.status_code == 403
    for page in (post, english):
        assert soup(client.get(page.url)).select_one("#reageren form") is None


def test_cards_of_the_english_version_count_the_dutch_thread(client, post, english, group, member):
    make_reaction(post, member, "Een")
    make_reaction(post, member, "Twee")
    english_group = group.get_translation(english.locale)
    response = client.get(english_group.url)
    assert response.status_code == 200
    card = soup(response).select_one(".post-card__meta").get_text(" ", strip=True)
    assert card.endswith("2 reactions")
