"""An embed finder that answers on this machine: these tests run without internet.

Addresses on ``video.samen.test`` get a player; every other address is "not found",
which is what a real provider says when it cannot be reached."""

from urllib.parse import urlparse

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

PLAYABLE_HOST = "video.samen.test"


class LocalVideoFinder(EmbedFinder):
    def __init__(self, **options):
        self.options = options

    def accept(self, url):
        return True

    def find_embed(self, url, max_width=None, max_height=None):
        parsed = urlparse(url)
        if parsed.hostname != PLAYABLE_HOST:
            raise EmbedNotFoundException(url)
        video_id = parsed.path.strip("/") or "video"
        return {
            "title": f"Samen video {video_id}",
            "author_name": "Samen",
            "provider_name": "Samen test video",
            "type": "video",
            "thumbnail_url": None,
            "width": 640,
            "height": 360,
            "html": f'<iframe src="https://{PLAYABLE_HOST}/embed/{video_id}" width="640" height="360"></iframe>',
        }
