"""Pictures editors and group authors upload into Wagtail's image library: what is stored
is the picture, turned upright, without what a camera wrote into it."""

import io

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image

from tests.engagement.helpers import verified_member
from tests.helpers import nl
from tests.pictures import (
    assert_clean_and_upright,
    huge_png_bytes,
    metadata_of,
    phone_photo,
    phone_photo_bytes,
    truncated_jpeg_bytes,
)

ImageModel = get_image_model()
INVALID_IMAGE = "Upload a valid image. The file you uploaded was either not an image or a corrupted image."


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def editor_client(client, db):
    editor = verified_member(email="eva@samen.test", display_name="Eva Editor")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    return client


def root_collection():
    return Collection.get_first_root_node()


def add_one(client, upload, title="Foto van de bijeenkomst"):
    """The single-image form (Images › Add, with a title)."""
    return client.post(
        reverse("wagtailimages:add"),
        {"title": title, "file": upload, "collection": root_collection().pk, "tags": ""},
    )


def add_several(client, upload):
    """The uploader behind Images › Add an image, which takes files one request each."""
    return client.post(reverse("wagtailimages:add_multiple"), {"files[]": upload, "collection": root_collection().pk})


def add_from_chooser(client, upload, title="Foto uit de kiezer"):
    """The upload tab of the image chooser in the page editor."""
    prefix = "image-chooser-upload"
    return client.post(
        reverse("wagtailimages_chooser:create"),
        {
            f"{prefix}-title": title,
            f"{prefix}-file": upload,
            f"{prefix}-collection": root_collection().pk,
            f"{prefix}-tags": "",
        },
    )


UPLOADERS = {"single form": add_one, "multiple uploader": add_several, "chooser": add_from_chooser}


def stored_bytes(image):
    with image.file.open("rb") as stored:
        return stored.read()


def files_in(settings):
    return sorted(
        str(path.relative_to(settings.MEDIA_ROOT)) for path in settings.MEDIA_ROOT.rglob("*") if path.is_file()
    )


@pytest.mark.parametrize("upload", UPLOADERS.values(), ids=UPLOADERS.keys())
def test_a_phone_photo_is_stored_upright_without_its_metadata(editor_client, upload):
    response = upload(editor_client, phone_photo())
    assert response.status_code in (200, 302), response.content[:500]
    image = ImageModel.objects.get()
    assert_clean_and_upright(stored_bytes(image))
    # Wagtail's own record of the file describes the stored picture, not the upload.
    assert (image.width, image.height) == (40, 60)
    assert image.file_size == len(stored_bytes(image))
    assert image.file.name.endswith(".jpg")


def test_renditions_of_an_uploaded_photo_carry_no_metadata(editor_client):
    add_one(editor_client, phone_photo())
    rendition = ImageModel.objects.get().get_rendition("fill-20x30")
    with rendition.file.open("rb") as stored:
        data = stored.read()
    assert_clean_and_upright(data, size=(20, 30))


def test_a_png_loses_its_metadata_too(editor_client):
    upload = SimpleUploadedFile("schema.png", phone_photo_bytes(image_format="PNG"), content_type="image/png")
    assert add_one(editor_client, upload).status_code == 302
    image = ImageModel.objects.get()
    assert image.file.name.endswith(".png")
    assert_clean_and_upright(stored_bytes(image))


def test_an_animated_gif_keeps_its_frames(editor_client):
    frames = [Image.new("RGB", (30, 20), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=120, loop=0, comment=b"x")
    upload = SimpleUploadedFile("zwaai.gif", buffer.getvalue(), content_type="image/gif")
    assert add_one(editor_client, upload).status_code == 302
    with Image.open(io.BytesIO(stored_bytes(ImageModel.objects.get()))) as stored:
        assert stored.n_frames == 3
        assert stored.info.get("duration") == 120
        assert "comment" not in stored.info
        assert metadata_of(stored) == {}


def test_the_pixel_limit_is_below_pillows_own(settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < Image.MAX_IMAGE_PIXELS


@pytest.mark.parametrize("upload", UPLOADERS.values(), ids=UPLOADERS.keys())
def test_a_tiny_file_with_a_huge_canvas_is_refused(editor_client, settings, upload):
    side = int((settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS + 1) ** 0.5) + 1
    data = huge_png_bytes(side, side)
    assert len(data) < 100_000
    response = upload(editor_client, SimpleUploadedFile("bom.png", data, content_type="image/png"))
    assert response.status_code in (200, 400), response.status_code
    assert b"pixels" in response.content
    assert not ImageModel.objects.exists()
    assert files_in(settings) == []


def test_the_canvas_is_measured_from_the_header_before_anything_is_unpacked(editor_client, settings):
    """A PNG that announces 64 megapixels and holds almost none of them is refused for its
    size: the pixels are counted before decoding (Wagtail's own check decodes first)."""
    data = huge_png_bytes(8000, 8000)[:120]
    response = add_one(editor_client, SimpleUploadedFile("bom.png", data, content_type="image/png"))
    assert response.status_code == 200
    assert "file_too_many_pixels" in [error.code for error in response.context["form"].errors.as_data()["file"]]
    assert not ImageModel.objects.exists()
    assert files_in(settings) == []


@pytest.mark.parametrize("upload", UPLOADERS.values(), ids=UPLOADERS.keys())
def test_a_jpeg_cut_short_is_refused_with_a_message(editor_client, settings, upload):
    response = upload(editor_client, SimpleUploadedFile("half.jpg", truncated_jpeg_bytes(), content_type="image/jpeg"))
    assert response.status_code in (200, 400), response.status_code
    # Django's own "Upload a valid image..." in Dutch (JSON answers escape the "ü" further on).
    assert nl(INVALID_IMAGE)[:20] in response.content.decode()
    assert not ImageModel.objects.exists()
    assert files_in(settings) == []


def test_replacing_the_file_of_an_image_cleans_the_new_one(editor_client):
    assert add_one(editor_client, phone_photo(orientation=1)).status_code == 302
    image = ImageModel.objects.get()
    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {"title": image.title, "file": phone_photo(name="nieuw.jpg"), "collection": image.collection_id, "tags": ""},
    )
    assert response.status_code == 302, response.content[:500]
    image.refresh_from_db()
    assert_clean_and_upright(stored_bytes(image))


def test_images_made_in_code_are_cleaned_as_well(db):
    """The demo loader, imports and the shell save images without a form."""
    image = ImageModel.objects.create(title="Uit de shell", file=phone_photo())
    image.refresh_from_db()
    assert_clean_and_upright(stored_bytes(image))
    assert (image.width, image.height) == (40, 60)


def test_an_upload_held_back_by_the_multiple_uploader_is_cleaned_when_it_becomes_an_image(editor_client, settings):
    """When another field of the uploader's form fails, Wagtail keeps the upload as it came
    and makes the image from it once the editor has filled in the form."""
    # An empty title (the uploader sends the file name unless told otherwise) is such a field.
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": phone_photo(), "collection": root_collection().pk, "title": ""},
    )
    upload_id = response.json()["uploaded_file_id"]
    prefix = f"uploaded-image-{upload_id}"
    response = editor_client.post(
        reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id]),
        {f"{prefix}-title": "Alsnog", f"{prefix}-collection": root_collection().pk, f"{prefix}-tags": ""},
    )
    assert response.json()["success"], response.content[:500]
    image = ImageModel.objects.get()
    assert_clean_and_upright(stored_bytes(image))
    assert image.file_size == len(stored_bytes(image))
    assert files_in(settings) == [image.file.name]
