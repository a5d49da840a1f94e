"""What a member's download holds: everything of theirs, nothing of anyone else's, and
pages they may no longer read named by nothing but the fact that they reacted there."""

import json
import re
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.images import get_image_model

import pytest

from accounts.models import LoginEvent
from member_data.archive import write_archive
from member_data.content import member_data
from member_data.storage import export_storage
from privacy.models import PrivacyStatementVersion, agree

from .conftest import OTHERS_SECRETS, add_posts_and_reactions, read_zip

pytestmark = pytest.mark.django_db


def as_json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)


def test_the_profile_and_addresses_are_the_members(world, data_of):
    data = data_of(world.anna)
    profile = data["profile"]
    assert profile["email"] == "anna@samen.test"
    assert profile["display_name"] == "Anna de Vries"
    assert profile["bio"] == "Ik schrijf over leren."
    assert profile["language"] == "nl"
    assert profile["date_joined"] == world.anna.date_joined
    assert profile["avatar"].startswith("images/avatar-") and profile["avatar"].endswith(".png")
    assert data["email_addresses"] == [{"email": "anna@samen.test", "verified": True, "primary": True}]


def test_posts_live_and_draft_with_group_tags_level_and_body(world, data_of):
    posts = {post["title"]: post for post in data_of(world.anna)["posts"]}
    assert set(posts) == {"Anna schrijft 0", "Anna schrijft 1", "Anna's concept"}
    first = posts["Anna schrijft 0"]
    assert first["live"] is True and posts["Anna's concept"]["live"] is False
    assert first["group"] == "Menskracht"
    assert first["address"].endswith("/nl/groepen/menskracht/anna-0/")
    assert first["tags"] == ["tag0", "talent"]
    assert first["access_level"] == "public" and first["access_level_label"] == "Iedereen (publiek zichtbaar)"
    assert first["body"] == [{"type": "paragraph", "value": "<p>Een eerste alinea.</p>", "id": first["body"][0]["id"]}]
    assert first["date_published"] is not None and first["language"] == "nl"


def test_reactions_are_hers_only_and_name_only_posts_she_may_read(world, data_of):
    reactions = data_of(world.anna)["reactions"]
    assert [r["text"] for r in reactions] == ["Anna reageert 0", "Anna reageert 1", "Anna reageerde hier ooit"]
    in_closed_group = reactions[0]
    assert in_closed_group["post"]["title"] == "Vertrouwelijk bericht 0"
    assert in_closed_group["post"]["address"].endswith("/nl/groepen/vertrouwelijk/vertrouwelijk-0/")
    assert in_closed_group["shown"] is True and in_closed_group["is_reply"] is False
    # Bert's post for himself only: her reaction is there, his post's title is not.
    assert reactions[2]["post"] is None


def test_a_hidden_reaction_is_in_it_and_says_so(world, data_of):
    reaction = world.anna.comment_comments.get(comment="Anna reageert 1")
    reaction.is_public = False
    reaction.save()
    texts = {r["text"]: r["shown"] for r in data_of(world.anna)["reactions"]}
    assert texts["Anna reageert 1"] is False and texts["Anna reageert 0"] is True


def test_ratings_follows_groups_likes_and_settings(world, data_of):
    data = data_of(world.anna)
    assert [(r["stars"], r["item"]["title"]) for r in data["ratings"]] == [
        (4, "Anna schrijft 0"),
        (4, "Anna schrijft 1"),
    ]
    follows = data["follows"]
    assert [f["post"]["title"] for f in follows["posts"]] == ["Vertrouwelijk bericht 0", "Vertrouwelijk bericht 1"]
    assert [f["tag"] for f in follows["tags"]] == ["talent"]
    assert len(follows["members"]) == 1 and follows["members"][0]["profile"].endswith(f"/nl/leden/{world.bert.pk}/")
    groups = {g["group"]["title"]: g for g in data["groups"]}
    assert groups["Vertrouwelijk"]["role"] == "member" and groups["Vertrouwelijk"]["request_message"] == "Mag ik erbij?"
    assert groups["Menskracht"]["role"] == "admin" and groups["Menskracht"]["role_label"] == "beheerder"
    assert [h["post"]["title"] for h in data["helpful"]] == ["Vertrouwelijk bericht 0", "Vertrouwelijk bericht 1"]
    settings = data["notification_settings"]
    assert settings["digest"] == "weekly"
    assert settings["kinds"]["reaction"] == {
        "label": "Een reactie op een bericht dat ik volg",
        "channel": "digest",
        "chosen": True,
    }
    assert settings["kinds"]["mention"]["chosen"] is False


def test_nothing_of_any_other_member_is_in_it(world, data_of):
    text = as_json(data_of(world.anna))
    for secret in OTHERS_SECRETS:
        assert secret not in text
    assert "Foto van Bert" not in text
    # Bert's own download has his, and none of Anna's words.
    bert = as_json(data_of(world.bert))
    assert "Anna reageert" not in bert and "anna@samen.test" not in bert and "Anna de Vries" not in bert


def test_the_zip_holds_data_readme_and_every_picture(world):
    name = "test-export.zip"
    size = write_archive(world.anna, name)
    with export_storage().open(name, "rb") as stored:
        files = read_zip(stored.read())
    assert size > 0
    data = json.loads(files["data.json"])
    pictures = [p["file"] for p in data["pictures"]]
    assert len(pictures) == 2
    assert set(files) == {"data.json", "README.txt", data["profile"]["avatar"], *pictures}
    for picture in [*pictures, data["profile"]["avatar"]]:
        assert files[picture][:8] == b"\x89PNG\r\n\x1a\n" or files[picture][:3] == b"\xff\xd8\xff"
    readme = files["README.txt"].decode()
    assert "Anna de Vries" in readme and "data.json" in readme and "images/" in readme
    for secret in OTHERS_SECRETS:
        assert secret.encode() not in b"".join(files.values())


def test_a_picture_the_storage_lost_is_left_out_and_named(world):
    from_library = get_image_model().objects.filter(uploaded_by_user=world.anna).first()
    from_library.file.storage.delete(from_library.file.name)
    write_archive(world.anna, "lost.zip")
    with export_storage().open("lost.zip", "rb") as stored:
        files = read_zip(stored.read())
    data = json.loads(files["data.json"])
    assert len(data["missing_files"]) == 1 and data["missing_files"][0] not in files


def test_english_readme_and_labels_for_an_english_member(world):
    world.anna.language = "en"
    world.anna.save()
    data, _files = member_data(world.anna)
    assert data["notification_settings"]["kinds"]["reaction"]["label"] == "A reaction on a post I follow"
    write_archive(world.anna, "english.zip")
    with export_storage().open("english.zip", "rb") as stored:
        readme = read_zip(stored.read())["README.txt"].decode()
    assert "The data of Anna de Vries" in readme
    assert re.search(r"Made on [A-Z][a-z]+\.? \d{1,2}, 20\d\d", readme)


def test_the_readme_is_in_dutch_for_a_dutch_member(world):
    write_archive(world.anna, "dutch.zip")
    with export_storage().open("dutch.zip", "rb") as stored:
        readme = read_zip(stored.read())["README.txt"].decode()
    with translation.override("nl"):
        assert (
            gettext("This file holds everything you put on the site yourself, and nothing of other members.") in readme
        )
        assert gettext("your e-mail addresses, and whether each is confirmed and your main one") in readme
    # Dates as the Dutch write them: "8 december 2026".
    assert re.search(
        r"\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 20\d\d",
        readme,
    )


def queries_for(member):
    with CaptureQueriesContext(connection) as captured:
        member_data(member)
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_what_the_member_wrote(world):
    queries_for(world.anna)  # the site's root paths and content types, kept after the first time
    few = queries_for(world.anna)
    add_posts_and_reactions(world.anna, world.bert, world.cor, world.group, world.closed_group, 5, start=10)
    assert queries_for(world.anna) == few


def test_log_ins_and_privacy_agreements_are_hers_only(world, data_of):
    now = timezone.now()
    LoginEvent.objects.create(
        user=world.anna, at=now, succeeded=True, method="password", ip="192.0.2.7", user_agent="Firefox"
    )
    LoginEvent.objects.create(user=world.anna, at=now - timedelta(days=1), succeeded=False, ip="198.51.100.9")
    LoginEvent.objects.create(user=world.bert, at=now, succeeded=True, ip="203.0.113.5", user_agent="Berts browser")
    version = PrivacyStatementVersion.objects.create(label="2.0", summary="Nieuw.")
    agree(world.anna, version)
    agree(world.bert, version)
    data = data_of(world.anna)
    assert [(e["succeeded"], e["address"], e["how"]) for e in data["log_ins"]] == [
        (True, "192.0.2.7", "password"),
        (False, "198.51.100.9", ""),
    ]
    assert [a["version"] for a in data["privacy_agreements"]] == ["2.0"]
    text = as_json(data)
    assert "203.0.113.5" not in text and "Berts browser" not in text
