"""A member's public profile, and editing one's own."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from accounts.factories import UserFactory
from blog.factories import BlogPageFactory
from tests.engagement.helpers import make_reaction, minutes_ago, soup, text_of

EDIT_URL = "/nl/leden/profiel/bewerken/"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def profile_url(user):
    return f"/nl/leden/{user.pk}/"


def png(size=(64, 64), name="gezicht.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def big_bmp():
    """A real picture of about 3 MB (an uncompressed bitmap)."""
    buffer = io.BytesIO()
    Image.new("RGB", (1024, 1024), (10, 90, 100)).save(buffer, format="BMP")
    assert buffer.tell() > 2 * 1024 * 1024
    return SimpleUploadedFile("groot.bmp", buffer.getvalue(), content_type="image/bmp")


class TestProfilePage:
    def test_shows_name_bio_and_initials(self, client, anna):
        anna.bio = "Ik schrijf over samen leren."
        anna.save()
        page = client.get(profile_url(anna))
        assert page.status_code == 200
        html = soup(page)
        assert html.h1.get_text(strip=True) == "Anna de Vries"
        assert "Ik schrijf over samen leren." in text_of(page)
        initials = html.select_one(".profile-header .avatar--initials")
        assert initials is not None and initials.get_text(strip=True) == "AV"

    def test_shows_the_avatar_when_there_is_one(self, client, anna):
        anna.avatar = png()
        anna.save()
        html = soup(client.get(profile_url(anna)))
        image = html.select_one(".profile-header img.avatar")
        assert image is not None
        assert image["src"] == anna.avatar.url
        assert html.select_one(".profile-header .avatar--initials") is None

    def test_lists_live_posts_but_not_unpublished_ones(self, client, anna, group):
        BlogPageFactory(parent=group, author=anna, title="Gepubliceerd stuk")
        BlogPageFactory(parent=group, author=anna, title="Nog een concept", live=False)
        BlogPageFactory(parent=group, title="Van iemand anders")
        text = text_of(client.get(profile_url(anna)))
        assert "Gepubliceerd stuk" in text
        assert "Nog een concept" not in text
        assert "Van iemand anders" not in text

    def test_lists_visible_reactions_only(self, client, anna, group):
        post = BlogPageFactory(parent=group, title="Waar ze reageerde")
        make_reaction(post, anna, "Zichtbare reactie")
        make_reaction(post, anna, "Verborgen reactie", is_public=False)
        make_reaction(post, anna, "Verwijderde reactie", is_removed=True)
        make_reaction(post, UserFactory(), "Reactie van een ander")
        page = client.get(profile_url(anna))
        bodies = [body.get_text(" ", strip=True) for body in soup(page).select(".profile-reactions .reaction__body")]
        assert bodies == ["Zichtbare reactie"]
        link = soup(page).select_one(".profile-reactions a")
        assert link["href"] == post.url
        assert link.get_text(strip=True) == "Waar ze reageerde"

    def test_newest_reactions_first(self, client, anna, group):
        post = BlogPageFactory(parent=group)
        make_reaction(post, anna, "Oud", when=minutes_ago(30))
        make_reaction(post, anna, "Nieuw", when=minutes_ago(1))
        bodies = [b.get_text(strip=True) for b in soup(client.get(profile_url(anna))).select(".reaction__body")]
        assert bodies == ["Nieuw", "Oud"]

    def test_unknown_member_is_404(self, client, db):
        assert client.get("/nl/leden/999999/").status_code == 404

    def test_inactive_member_is_404(self, client, anna):
        anna.is_active = False
        anna.save()
        assert client.get(profile_url(anna)).status_code == 404

    def test_email_address_is_never_shown(self, client, anna):
        assert "anna@x.nl" not in client.get(profile_url(anna)).content.decode()


class TestEditProfile:
    def test_login_required(self, client, db):
        response = client.get(EDIT_URL)
        assert response.status_code == 302
        assert response["Location"].startswith("/nl/account/login/")
        assert client.post(EDIT_URL, {"display_name": "X"}).status_code == 302

    def test_saves_display_name_and_bio(self, client, anna):
        client.force_login(anna)
        response = client.post(EDIT_URL, {"display_name": "  Anna   V.  ", "bio": "Nieuwe bio"})
        assert response.status_code == 302
        assert response["Location"] == profile_url(anna)
        anna.refresh_from_db()
        assert anna.display_name == "Anna V."
        assert anna.bio == "Nieuwe bio"

    def test_saves_an_avatar(self, client, anna):
        client.force_login(anna)
        response = client.post(EDIT_URL, {"display_name": "Anna", "bio": "", "avatar": png()})
        assert response.status_code == 302
        anna.refresh_from_db()
        assert anna.avatar.name.startswith("avatars/")

    @pytest.mark.parametrize("name", ["", "   ", "\t\n"])
    def test_empty_display_name_is_refused_and_the_bio_kept(self, client, anna, name):
        client.force_login(anna)
        response = client.post(EDIT_URL, {"display_name": name, "bio": "Mijn getypte bio"})
        assert response.status_code == 400
        assert soup(response).select_one(".field--error .errorlist") is not None
        assert soup(response).select_one("textarea[name=bio]").get_text().strip() == "Mijn getypte bio"
        anna.refresh_from_db()
        assert anna.display_name == "Anna de Vries"

    def test_whitespace_display_name_gets_the_dutch_message(self, client, anna):
        client.force_login(anna)
        response = client.post(EDIT_URL, {"display_name": " \u00a0 ", "bio": ""})
        assert response.status_code == 400
        assert response.context["form"].errors["display_name"]

    @pytest.mark.parametrize("name", ["<script>alert(1)</script>", "Anna <beheer@samen.test>", "Anna\u202eV"])
    def test_a_display_name_that_looks_like_markup_is_refused_as_at_sign_up(self, client, anna, name):
        client.force_login(anna)
        response = client.post(EDIT_URL, {"display_name": name, "bio": ""})
        assert response.status_code == 400
        assert response.context["form"].errors["display_name"]
        assert soup(response).select_one("input[name=display_name]")["value"] == name
        anna.refresh_from_db()
        assert anna.display_name == "Anna de Vries"

    def test_bio_over_500_characters_is_refused(self, client, anna):
        client.force_login(anna)
        response = client.post(EDIT_URL, {"display_name": "Anna", "bio": "b" * 501})
        assert response.status_code == 400
        assert response.context["form"].errors["bio"]
        anna.refresh_from_db()
        assert anna.bio == ""

    def test_bio_of_exactly_500_characters_is_fine(self, client, anna):
        client.force_login(anna)
        assert client.post(EDIT_URL, {"display_name": "Anna", "bio": "b" * 500}).status_code == 302

    def test_an_avatar_that_is_not_an_image_is_refused(self, client, anna):
        client.force_login(anna)
        fake = SimpleUploadedFile("foto.png", b"<?php echo 'geen plaatje'; ?>", content_type="image/png")
        response = client.post(EDIT_URL, {"display_name": "Anna", "bio": "", "avatar": fake})
        assert response.status_code == 400
        assert response.context["form"].errors["avatar"]
        anna.refresh_from_db()
        assert not anna.avatar

    def test_an_avatar_over_2_mb_is_refused(self, client, anna):
        client.force_login(anna)
        response = client.post(EDIT_URL, {"display_name": "Anna", "bio": "", "avatar": big_bmp()})
        assert response.status_code == 400
        assert "2 MB" in " ".join(response.context["form"].errors["avatar"])
        anna.refresh_from_db()
        assert not anna.avatar


class TestEscaping:
    def test_markup_in_bio_and_name_is_shown_as_text_on_the_profile(self, client, anna):
        anna.display_name = XSS[:80]
        anna.bio = XSS
        anna.save()
        page = client.get(profile_url(anna))
        html = soup(page)
        assert html.select("main script") == []
        assert html.select("main img[onerror]") == []
        assert "&lt;script&gt;" in page.content.decode()
        assert XSS[:30] in html.h1.get_text()

    def test_markup_in_display_name_is_escaped_in_bylines_and_cards(self, client, anna, group):
        anna.display_name = XSS[:80]
        anna.save()
        post = BlogPageFactory(parent=group, author=anna, title="Bericht met byline")
        make_reaction(post, anna, "Zelf gereageerd")
        for url in (post.url, profile_url(anna), group.url):
            page = client.get(url)
            assert page.status_code == 200
            html = soup(page)
            # The only inline script is the post's JSON-LD data, where the name is JSON-escaped.
            assert html.select('script:not([src]):not([type="application/ld+json"])') == [], url
            for data in html.select('script[type="application/ld+json"]'):
                assert "<" not in data.string, url
            assert html.select("[onerror]") == [], url
            assert "<script>alert" not in page.content.decode(), url
