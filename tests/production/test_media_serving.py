"""Uploaded pictures under MEDIA_URL: answered by the site only with SERVE_MEDIA on (make
serve-prod), never a directory listing, never a file outside MEDIA_ROOT."""

import io

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

import pytest
from PIL import Image

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False
    settings.SERVE_MEDIA = False
    return settings


@pytest.fixture
def rendition(production_like):
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (11, 93, 107)).save(buffer, "PNG")
    image = get_image_model().objects.create(title="Teal", file=ImageFile(buffer, name="teal.png"))
    return image.get_rendition("fill-40x30")


def test_with_serve_media_on_a_rendition_is_answered_from_media_root(client, production_like, rendition):
    production_like.SERVE_MEDIA = True
    assert rendition.url.startswith("/media/images/")
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    served = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert served.size == (40, 30)
    assert client.head(rendition.url).status_code == 200
    assert client.post(rendition.url).status_code == 405


def test_without_serve_media_the_site_answers_404(client, rendition):
    assert client.get(rendition.url).status_code == 404


def test_debug_mode_serves_media_as_before(client, production_like, rendition):
    production_like.DEBUG = True
    assert client.get(rendition.url).status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/../site_config/settings/base.py",
        "/media/images/../../site_config/settings/base.py",
        "/media/%2e%2e/site_config/settings/base.py",
        "/media/..%2fsite_config%2fsettings%2fbase.py",
        "/media//etc/passwd",
    ],
)
def test_no_path_leads_out_of_media_root(client, production_like, rendition, settings, path):
    production_like.SERVE_MEDIA = True
    settings.MEDIA_ROOT = settings.BASE_DIR / "media-root-for-this-test"
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert b"SECRET_KEY" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_a_folder_is_never_listed(client, production_like, rendition):
    production_like.SERVE_MEDIA = True
    for folder in ("/media/images/", "/media/images", "/media/original_images/"):
        response = client.get(folder)
        assert response.status_code == 404
        assert b"teal" not in response.content
