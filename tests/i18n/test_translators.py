"""Translators at work, through wagtail-localize's own admin views: submit a Dutch post for
translation, translate its strings in the editor, publish, and keep the English version in
step when the Dutch one changes."""

import datetime
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

import pytest

from blog.factories import BlogPageFactory
from blog.models import BlogPage
from core.translation_admin import confirm_incomplete_publish
from tests.engagement.helpers import verified_member

from .helpers import english, html_lang, parse, switch_links, switch_target

pytestmark = pytest.mark.django_db

TRANSLATORS = "Vertalers"
ENGLISH = {
    "Samen leren": "Learning together",
    "samen-leren": "learning-together",
    "Een korte inleiding op dit bericht.": "A short introduction to this post.",
    "Een eerste alinea.": "A first paragraph.",
}


@pytest.fixture
def translator(db):
    member = verified_member(display_name="Vera Vertaler", email="vera@samen.test")
    member.groups.add(Group.objects.get(name=TRANSLATORS))
    return member


@pytest.fixture
def dutch_post(bilingual, author):
    post = BlogPageFactory(
        parent=bilingual.nl.group,
        title="Samen leren",
        slug="samen-leren",
        author=author,
        date_published=timezone.make_aware(datetime.datetime(2025, 3, 1, 9, 0)),
        tags=["talent"],
    )
    post.save_revision(user=author).publish()
    return BlogPage.objects.get(pk=post.pk)


def submit(client, post, capture):
    """What the translator does on "Translate this page": pick English and submit."""
    url = reverse("wagtail_localize:submit_page_translation", args=[post.id])
    form = parse(client.get(url))
    choices = {box["value"]: box for box in form.select("input[name=locales]")}
    assert choices.keys() == {str(english().pk)}, "English is the one language to translate into"
    with capture(execute=True):
        return client.post(url, {"locales": [english().pk]})


def translate_in_editor(client, translation, strings):
    """What the translation editor sends for every string the translator fills in."""
    segments = StringSegment.objects.filter(source=translation.source).select_related("string")
    for segment in segments:
        response = client.put(
            reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
            urlencode({"value": strings[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content
    return segments


def publish_in_editor(client, page, capture):
    with capture(execute=True):
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"})


def untranslated_strings(translation):
    total, done = translation.get_progress()
    return total - done


def test_the_translators_group_has_what_translating_needs(bilingual):
    group = Group.objects.get(name=TRANSLATORS)
    codenames = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}
    assert {"wagtailadmin.access_admin", "wagtail_localize.submit_translation"} <= codenames
    root = Page.get_first_root_node()
    page_permissions = set(
        GroupPagePermission.objects.filter(group=group, page=root).values_list("permission__codename", flat=True)
    )
    assert {"change_page", "publish_page"} <= page_permissions
    # Not more than that: translators do not delete or move pages.
    assert not page_permissions & {"add_page", "delete_page", "bulk_delete_page", "lock_page"}


def test_a_translator_may_do_what_the_group_promises(translator, dutch_post):
    assert not translator.is_staff
    assert translator.has_perm("wagtailadmin.access_admin")
    assert translator.has_perm("wagtail_localize.submit_translation")
    permissions = dutch_post.permissions_for_user(translator)
    assert permissions.can_edit()
    assert permissions.can_publish()


def test_a_translator_translates_a_post_end_to_end(client, translator, dutch_post, bilingual):
    capture = bilingual.capture
    client.force_login(translator)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200

    response = submit(client, dutch_post, capture)
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=dutch_post.translation_key, target_locale=english())
    english_post = dutch_post.get_translation(english()).specific
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[english_post.id])
    # The English version starts as a draft: nothing Dutch appears under /en/ meanwhile.
    assert not english_post.live
    assert untranslated_strings(translation) == 4

    # The editor opens, the translator fills in every string and publishes.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[english_post.id]))
    assert editor.status_code == 200
    translate_in_editor(client, translation, ENGLISH)
    assert untranslated_strings(translation) == 0
    made = StringTranslation.objects.filter(locale=english(), context__object_id=dutch_post.translation_key)
    assert made.count() == 4
    assert {(t.translation_type, t.last_translated_by_id) for t in made} == {("manual", translator.pk)}
    assert publish_in_editor(client, english_post, capture).status_code == 302

    english_post = BlogPage.objects.get(pk=english_post.pk)
    assert english_post.live
    assert english_post.url == "/en/groups/menskracht/learning-together/"
    response = client.get(english_post.url)
    assert response.status_code == 200
    soup = parse(response)
    assert html_lang(soup) == "en"
    assert soup.h1.get_text(strip=True) == "Learning together"
    assert "A first paragraph." in soup.select_one(".post__body").get_text()
    # The fields that are never translated came along.
    assert english_post.author_id == dutch_post.author_id
    assert english_post.date_published == dutch_post.date_published
    assert set(english_post.tags.names()) == {"talent"}
    # And the Dutch post's switch now leads to it.
    dutch_switch = switch_links(parse(client.get(dutch_post.url)))["en"]
    assert switch_target(dutch_switch["href"]) == ("en", english_post.url, None)


def test_a_change_to_the_dutch_post_reaches_the_english_one(client, translator, dutch_post, bilingual):
    capture = bilingual.capture
    client.force_login(translator)
    submit(client, dutch_post, capture)
    translation = Translation.objects.get(source__object_id=dutch_post.translation_key, target_locale=english())
    english_post = dutch_post.get_translation(english())
    translate_in_editor(client, translation, ENGLISH)
    publish_in_editor(client, english_post, capture)

    # An editor changes the Dutch title, the date and the tags, and publishes.
    new_date = timezone.make_aware(datetime.datetime(2025, 6, 12, 14, 0))
    dutch_post.title = "Samen leren, opnieuw bekeken"
    dutch_post.date_published = new_date
    dutch_post.tags.set(["leren", "welzijn"])
    dutch_post.save_revision().publish()
    dutch_post = BlogPage.objects.get(pk=dutch_post.pk)
    assert set(dutch_post.tags.names()) == {"leren", "welzijn"}

    # The translator syncs the translation in wagtail-localize's "Sync translated pages".
    source = TranslationSource.objects.get(object_id=dutch_post.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.id])
    form = parse(client.get(sync_url))
    assert form.select_one("input[name=publish_translations]") is not None
    with capture(execute=True):
        response = client.post(sync_url, {"publish_translations": "on"})
    assert response.status_code == 302

    english_post = BlogPage.objects.get(pk=english_post.pk)
    assert english_post.live
    assert english_post.date_published == new_date
    assert set(english_post.tags.names()) == {"leren", "welzijn"}
    # The new title waits for the translator: flagged as the one untranslated string.
    assert untranslated_strings(translation) == 1
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    missing = [s for s in segments if not s.string.translations.filter(locale=english(), context=s.context).exists()]
    assert [(s.context.path, s.string.data) for s in missing] == [("title", "Samen leren, opnieuw bekeken")]
    # The rest of the translation stands.
    assert english_post.slug == "learning-together"
    assert english_post.teaser == "A short introduction to this post."

    # The English page shows the new date and tags.
    soup = parse(client.get(english_post.url))
    assert soup.select_one(".post__byline time")["datetime"] == "2025-06-12T14:00:00+02:00"
    assert {a.get_text(strip=True) for a in soup.select(".tag-list a")} == {"leren", "welzijn"}


def test_submitting_keeps_an_untranslated_post_out_of_english_listings(client, translator, dutch_post, bilingual):
    client.force_login(translator)
    submit(client, dutch_post, bilingual.capture)
    client.logout()
    for url in [bilingual.en.home.url, bilingual.en.group.url, bilingual.en.blog_index.url]:
        text = parse(client.get(url)).get_text()
        assert "Samen leren" not in text, url
    assert client.get("/en/groups/menskracht/samen-leren/").status_code == 404
    dutch_switch = switch_links(parse(client.get(dutch_post.url)))["en"]
    assert switch_target(dutch_switch["href"]) == ("en", "/en/", "1")


@pytest.mark.parametrize("who", ["anonymous", "member", "staff without the group"])
def test_others_cannot_translate(client, dutch_post, who, bilingual, django_capture_on_commit_callbacks):
    if who != "anonymous":
        user = verified_member(display_name="Bram", email="bram@samen.test", is_staff=who.startswith("staff"))
        client.force_login(user)
    urls = [reverse("wagtail_localize:submit_page_translation", args=[dutch_post.id])]
    source, _ = TranslationSource.get_or_create_from_instance(dutch_post)
    urls.append(reverse("wagtail_localize:update_translations", args=[source.id]))
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/account/login/" in response["Location"], url
        with django_capture_on_commit_callbacks(execute=True):
            refused = client.post(url, {"locales": [english().pk], "publish_translations": "on"})
        assert refused.status_code == 403 or "/account/login/" in refused["Location"], url
    assert dutch_post.get_translation_or_none(english()) is None
    assert not Translation.objects.filter(source__object_id=dutch_post.translation_key).exists()


# --- the translation screens, fitted to two languages ----------------------------------


def test_the_one_language_left_is_ticked_already(client, translator, dutch_post):
    client.force_login(translator)
    form = parse(client.get(reverse("wagtail_localize:submit_page_translation", args=[dutch_post.id])))
    [box] = form.select("input[name=locales]")
    assert box["value"] == str(english().pk)
    assert box.has_attr("checked")


def test_nothing_to_tick_when_the_page_is_translated_already(client, translator, dutch_post, bilingual):
    client.force_login(translator)
    submit(client, dutch_post, bilingual.capture)
    response = client.get(reverse("wagtail_localize:submit_page_translation", args=[dutch_post.id]))
    assert response.status_code == 200
    assert parse(response).select("input[name=locales]") == []


def test_submitting_without_a_language_still_says_what_is_missing(client, translator, dutch_post):
    client.force_login(translator)
    response = client.post(reverse("wagtail_localize:submit_page_translation", args=[dutch_post.id]), {})
    assert response.status_code == 200
    assert "Dit is een verplicht veld" in response.content.decode()
    assert dutch_post.get_translation_or_none(english()) is None


def started_translation(client, post, bilingual):
    submit(client, post, bilingual.capture)
    translation = Translation.objects.get(source__object_id=post.translation_key, target_locale=english())
    return translation, post.get_translation(english())


def test_publishing_a_half_translated_page_asks_first(client, translator, dutch_post, bilingual):
    client.force_login(translator)
    translation, english_post = started_translation(client, dutch_post, bilingual)
    translate_in_editor(client, translation, {**ENGLISH, "Een eerste alinea.": "A first paragraph."})
    StringTranslation.objects.filter(data="A first paragraph.").delete()

    response = publish_in_editor(client, english_post, bilingual.capture)

    assert response.status_code == 200
    question = parse(response)
    text = " ".join(question.select_one("main, #main, body").get_text(" ", strip=True).split())
    assert "1 van de 4 teksten van deze pagina is nog niet in het Engels vertaald." in text
    assert "dan lezen lezers die delen in het Nederlands." in text
    assert not BlogPage.objects.get(pk=english_post.pk).live
    form = question.select_one("form[method=post]")
    fields = {field["name"]: field.get("value") for field in form.select("input[type=hidden]")}
    assert fields["action"] == "publish"
    assert fields["publish-incomplete-confirmed"] == "1"
    assert question.select_one(f'a[href="{reverse("wagtailadmin_pages:edit", args=[english_post.id])}"]')

    with bilingual.capture(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[english_post.id]), fields)
    assert response.status_code == 302
    english_post = BlogPage.objects.get(pk=english_post.pk)
    assert english_post.live
    # What is missing shows in Dutch, as the question said.
    assert "Een eerste alinea." in parse(client.get(english_post.url)).select_one(".post__body").get_text()


def test_a_complete_translation_publishes_without_a_question(client, translator, dutch_post, bilingual):
    client.force_login(translator)
    translation, english_post = started_translation(client, dutch_post, bilingual)
    translate_in_editor(client, translation, ENGLISH)
    assert publish_in_editor(client, english_post, bilingual.capture).status_code == 302
    assert BlogPage.objects.get(pk=english_post.pk).live


def test_publishing_the_dutch_page_is_never_asked_about(rf, translator, dutch_post, bilingual, client):
    client.force_login(translator)
    started_translation(client, dutch_post, bilingual)
    request = rf.post(reverse("wagtailadmin_pages:edit", args=[dutch_post.id]), {"action": "publish"})
    request.user = translator
    assert confirm_incomplete_publish(request, dutch_post) is None


def test_the_address_is_translated_next_to_the_title():
    tabs = BlogPage.get_edit_handler().children
    content = [getattr(panel, "field_name", None) for panel in tabs[0].children]
    assert content[:2] == ["title", "slug"]
    assert all("slug" not in str(tab.get_form_options()) for tab in tabs[1:])


def test_the_translation_editor_says_publish_in_with_a_space(client, translator):
    client.force_login(translator)
    catalogue = client.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    assert '"Publish in ": "Publiceer in "' in catalogue
    assert '"Translate with ": "Vertaal met "' in catalogue
