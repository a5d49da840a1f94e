"""A member's picture: what the profile form stores, what it refuses, and what it removes."""

import io
import re

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

import pytest
from PIL import Image

from accounts.forms import ProfileForm
from tests.engagement.helpers import soup
from tests.helpers import nl
from tests.pictures import assert_clean_and_upright, huge_png_bytes, phone_photo, truncated_jpeg_bytes

EDIT_URL = "/nl/leden/profiel/bewerken/"
STORED_NAME = re.compile(r"^avatars/[0-9a-f]{32}\.(jpg|png|webp)$")
UNREADABLE = "This file is not a picture we can read, or it is damaged. Please choose a JPEG, PNG, GIF or WebP picture."
TOO_MANY_PIXELS = "The picture is too large: at most %(megapixels)s megapixels, please."
# Pillow warns about a canvas this size as soon as it reads the header; it is refused right after.
bomb_warning_expected = pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def member(client, anna):
    client.force_login(anna)
    return anna


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def post_profile(client, avatar=None, **fields):
    data = {"display_name": "Anna de Vries", "bio": "Mijn getypte bio", **fields}
    if avatar is not None:
        data["avatar"] = avatar
    return client.post(EDIT_URL, data)


def stored_bytes(member):
    member.refresh_from_db()
    with member.avatar.open("rb") as stored:
        return stored.read()


def picture(size=(64, 64), image_format="PNG", mode="RGB", colour=(200, 120, 40), name=None):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, format=image_format)
    extension = {"JPEG": "jpg"}.get(image_format, image_format.lower())
    return SimpleUploadedFile(name or f"gezicht.{extension}", buffer.getvalue(), content_type=f"image/{extension}")


def avatar_errors(response):
    return [item.get_text(strip=True) for item in soup(response).select(".field--error .errorlist li")]


def assert_refused(response, member, settings, message):
    assert response.status_code == 400
    assert avatar_errors(response) == [message]
    # Everything else the member typed is still in the form.
    assert soup(response).select_one("textarea[name=bio]").get_text().strip() == "Mijn getypte bio"
    member.refresh_from_db()
    assert not member.avatar
    assert stored_files(settings) == []


class TestWhatIsStored:
    def test_a_phone_photo_loses_its_gps_and_camera_and_stands_upright(self, client, member):
        assert post_profile(client, phone_photo()).status_code == 302
        member.refresh_from_db()
        assert member.avatar.name.endswith(".jpg")
        assert_clean_and_upright(stored_bytes(member))

    def test_a_large_photo_is_scaled_down(self, client, member, settings):
        assert post_profile(client, picture(size=(2000, 1000), image_format="JPEG")).status_code == 302
        with Image.open(io.BytesIO(stored_bytes(member))) as stored:
            assert stored.format == "JPEG"
            assert stored.size == (settings.SAMEN_AVATAR_MAX_EDGE, settings.SAMEN_AVATAR_MAX_EDGE // 2)

    def test_a_transparent_png_stays_a_transparent_png(self, client, member):
        assert post_profile(client, picture(mode="RGBA", colour=(10, 200, 10, 0))).status_code == 302
        with Image.open(io.BytesIO(stored_bytes(member))) as stored:
            assert stored.format == "PNG"
            assert stored.convert("RGBA").getpixel((5, 5))[3] == 0

    def test_a_gif_becomes_its_first_frame_as_a_png(self, client, member):
        frames = [Image.new("RGB", (32, 32), colour) for colour in ("red", "blue")]
        buffer = io.BytesIO()
        frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], comment=b"Thuis")
        upload = SimpleUploadedFile("zwaai.gif", buffer.getvalue(), content_type="image/gif")
        assert post_profile(client, upload).status_code == 302
        member.refresh_from_db()
        assert member.avatar.name.endswith(".png")
        with Image.open(io.BytesIO(stored_bytes(member))) as stored:
            assert getattr(stored, "n_frames", 1) == 1
            assert stored.convert("RGB").getpixel((5, 5))[0] > 200
            assert "comment" not in stored.info

    def test_the_widget_offers_the_formats_it_takes(self, client, member):
        field = soup(client.get(EDIT_URL)).select_one("input[type=file][name=avatar]")
        assert field["accept"] == "image/jpeg,image/png,image/gif,image/webp"


class TestWhatIsRefused:
    @bomb_warning_expected
    def test_a_tiny_png_of_100_megapixels_is_refused(self, client, member, settings):
        data = huge_png_bytes(10_000, 10_000)
        assert len(data) < 50_000
        response = post_profile(client, SimpleUploadedFile("bom.png", data, content_type="image/png"))
        assert_refused(response, member, settings, nl(TOO_MANY_PIXELS) % {"megapixels": "25"})

    def test_the_limit_is_the_setting_not_pillows(self, client, member, settings):
        settings.SAMEN_AVATAR_MAX_PIXELS = 1_000_000
        too_many = SimpleUploadedFile("net-te-groot.png", huge_png_bytes(1001, 1000), content_type="image/png")
        assert_refused(post_profile(client, too_many), member, settings, nl(TOO_MANY_PIXELS) % {"megapixels": "1"})
        just_right = SimpleUploadedFile("precies.png", huge_png_bytes(1000, 1000), content_type="image/png")
        assert post_profile(client, just_right).status_code == 302

    def test_a_file_that_is_not_a_picture_is_refused(self, client, member, settings):
        fake = SimpleUploadedFile("foto.png", b"<?php echo 'geen plaatje'; ?>", content_type="image/png")
        assert_refused(post_profile(client, fake), member, settings, nl(UNREADABLE))

    def test_a_jpeg_cut_short_is_refused(self, client, member, settings):
        half = SimpleUploadedFile("half.jpg", truncated_jpeg_bytes(), content_type="image/jpeg")
        assert_refused(post_profile(client, half), member, settings, nl(UNREADABLE))

    def test_a_format_outside_the_list_is_refused(self, client, member, settings):
        # Pillow reads TIFF (and dozens more), browsers mostly do not, and each decoder is
        # code an upload could reach.
        assert_refused(post_profile(client, picture(image_format="TIFF")), member, settings, nl(UNREADABLE))

    def test_the_message_is_english_on_the_english_site(self, client, member):
        fake = SimpleUploadedFile("foto.png", b"GIF89a nee", content_type="image/png")
        response = client.post(EDIT_URL.replace("/nl/", "/en/"), {"display_name": "Anna", "bio": "", "avatar": fake})
        assert response.status_code == 400
        assert avatar_errors(response) == [UNREADABLE]


class TestOldFilesGo:
    def test_replacing_the_picture_deletes_the_old_file(
        self, client, member, settings, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            post_profile(client, picture(colour=(1, 2, 3)))
        member.refresh_from_db()
        first = member.avatar.name
        with django_capture_on_commit_callbacks(execute=True):
            assert post_profile(client, picture(colour=(3, 2, 1))).status_code == 302
        member.refresh_from_db()
        assert member.avatar.name != first
        assert not default_storage.exists(first)
        assert stored_files(settings) == [member.avatar.name]

    def test_removing_the_picture_deletes_the_file(self, client, member, settings, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            post_profile(client, picture())
        member.refresh_from_db()
        assert stored_files(settings) == [member.avatar.name]
        with django_capture_on_commit_callbacks(execute=True):
            assert post_profile(client, **{"avatar-clear": "on"}).status_code == 302
        member.refresh_from_db()
        assert not member.avatar
        assert stored_files(settings) == []

    def test_saving_the_profile_without_a_new_picture_keeps_it(
        self, client, member, settings, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            post_profile(client, picture())
            assert post_profile(client, bio="Andere bio").status_code == 302
        member.refresh_from_db()
        assert stored_files(settings) == [member.avatar.name]

    def test_a_refused_upload_leaves_the_current_picture_alone(
        self, client, member, settings, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            post_profile(client, picture())
            fake = SimpleUploadedFile("foto.png", b"niet echt", content_type="image/png")
            assert post_profile(client, fake).status_code == 400
        member.refresh_from_db()
        assert stored_files(settings) == [member.avatar.name]

    def test_deleting_the_member_deletes_the_file(self, client, member, settings, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            post_profile(client, picture())
            member.refresh_from_db()
            member.delete()
        assert stored_files(settings) == []


def raw_upload(client, filename, content, content_type="image/png"):
    """Post the profile form as a browser would, with ``filename`` exactly as given: the
    test client would take the directories off it before sending."""
    boundary = "samen-grens"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in (("display_name", "Anna de Vries"), ("bio", ""))
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="avatar"; filename="{filename}"\r\n'
        f"Content-Type: {content_type}\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.post(EDIT_URL, data=body, content_type=f"multipart/form-data; boundary={boundary}")


HOSTILE_NAMES = [
    "../../../../etc/cron.d/samen.png",
    "..\\..\\..\\windows\\win.ini.png",
    "<script>alert(1)</script>.png",
    "<img src=x onerror=alert(1)>.png",
    "foto.php.png",
    "x" * 300 + ".png",
]


@pytest.mark.parametrize("filename", HOSTILE_NAMES)
def test_a_hostile_file_name_is_not_used(client, member, settings, filename):
    response = raw_upload(client, filename, picture().read())
    assert response.status_code == 302, avatar_errors(response)
    member.refresh_from_db()
    assert STORED_NAME.match(member.avatar.name), member.avatar.name
    assert stored_files(settings) == [member.avatar.name]
    for url in (EDIT_URL, f"/nl/leden/{member.pk}/"):
        page = client.get(url)
        assert page.status_code == 200
        html = soup(page)
        assert html.select("[onerror]") == []
        assert "alert(1)" not in page.content.decode()


@bomb_warning_expected
def test_the_form_on_its_own_refuses_a_bomb(anna, settings):
    """Whatever view uses the form, the limit holds (the message in the language active
    then, here Dutch)."""
    form = ProfileForm(
        {"display_name": "Anna", "bio": ""},
        {"avatar": SimpleUploadedFile("bom.png", huge_png_bytes(10_000, 10_000))},
        instance=anna,
    )
    with translation.override("nl"):
        assert not form.is_valid()
        assert form.errors["avatar"][0].startswith(
            nl("The picture is too large: at most %(megapixels)s megapixels, please.").split(":")[0]
        )
