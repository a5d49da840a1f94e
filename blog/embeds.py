from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException


def video_for(url):
    """What the video block shows: the provider's player when it can be had, otherwise
    just the address, so that a video that cannot be embedded is still one click away.

    Returns a dict with ``url``, ``title`` and ``html`` (empty when there is no player)."""
    url = (getattr(url, "url", url) or "").strip()
    if not url:
        return {"url": "", "title": "", "html": ""}
    try:
        embed = get_embed(url)
    except (EmbedException, OSError):
        return {"url": url, "title": "", "html": ""}
    html = embed.html or ""
    if "<iframe" in html and " title=" not in html:
        # A player without a title is an unnamed frame to a screen reader.
        label = escape(embed.title or _("Video"))
        html = html.replace("<iframe", f'<iframe title="{label}"', 1)
    # The provider's markup is stored by Wagtail's embed finder, which trusts it the same way.
    return {"url": url, "title": embed.title or "", "html": mark_safe(html)}  # noqa: S308
