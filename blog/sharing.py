"""What a post tells the places it is shared to: the canonical address, Open Graph and
Twitter card tags with a 1200x630 image, schema.org ``BlogPosting`` data, share links,
and the previous and next post in its group."""

import json
from urllib.parse import quote

from django.db.models import Q, Subquery
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe

from access.policy import viewable
from core.i18n import live_translations
from core.links import absolute_url

SHARE_RENDITION = "fill-1200x630"
OG_LOCALES = {"nl": "nl_NL", "en": "en_GB"}


def json_ld(data):
    """``data`` as JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 - every character that could end the script is escaped


def _iso(moment):
    return moment.isoformat() if moment else None


def share_context(request, post, group):
    url = absolute_url(post.get_url(request))
    image = None
    if post.hero_image:
        rendition = post.hero_image.get_rendition(SHARE_RENDITION)
        image = {"url": absolute_url(rendition.url), "width": rendition.width, "height": rendition.height}
    language = post.locale.language_code
    # The language switch and the hreflang links read the same versions: one query for all.
    other_languages = [
        OG_LOCALES[code] for code in sorted(live_translations(post)) if code != language and code in OG_LOCALES
    ]
    author = post.author
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.teaser,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": language,
        "datePublished": _iso(post.date_published or post.first_published_at),
        "dateModified": _iso(post.last_published_at or post.latest_revision_created_at),
        "publisher": {
            "@type": "Organization",
            "name": "Samen",
            "logo": {"@type": "ImageObject", "url": absolute_url(static("images/samen-logo.svg"))},
        },
    }
    if author is not None:
        data["author"] = {
            "@type": "Person",
            "name": author.display_name,
            "url": absolute_url(reverse("profiles:profile", args=[author.pk])),
        }
    if image:
        data["image"] = {"@type": "ImageObject", **{k: image[k] for k in ("url", "width", "height")}}
    if group is not None:
        data["isPartOf"] = {"@type": "Blog", "name": group.title, "url": absolute_url(group.get_url(request))}
    return {
        "share": {
            "url": url,
            "image": image,
            "og_locale": OG_LOCALES.get(language, language),
            "og_locale_alternates": other_languages,
            "json_ld": json_ld({key: value for key, value in data.items() if value is not None}),
            "mail_url": f"mailto:?subject={quote(post.title)}&body={quote(url)}",
            "linkedin_url": f"https://www.linkedin.com/sharing/share-offsite/?url={quote(url, safe='')}",
        }
    }


def neighbours(user, post, group):
    """The post before and after ``post`` in its group (by publication date), among
    those ``user`` may read; either may be None."""
    if group is None or post.pk is None or post.date_published is None:
        return {"previous_post": None, "next_post": None}
    post_type = type(post)
    siblings = viewable(user, post_type.objects.child_of(group).filter(locale_id=post.locale_id)).exclude(pk=post.pk)
    date = post.date_published
    older = siblings.filter(Q(date_published__lt=date) | Q(date_published=date, pk__lt=post.pk))
    newer = siblings.filter(Q(date_published__gt=date) | Q(date_published=date, pk__gt=post.pk))
    previous_pk = older.order_by("-date_published", "-pk").values("pk")[:1]
    next_pk = newer.order_by("date_published", "pk").values("pk")[:1]
    # Both in one query; which is which follows from the order of publication.
    # Only their titles and addresses are shown: the body stays in the database.
    found = post_type.objects.filter(Q(pk=Subquery(previous_pk)) | Q(pk=Subquery(next_pk))).defer("body")
    result = {"previous_post": None, "next_post": None}
    for neighbour in found:
        is_older = (neighbour.date_published, neighbour.pk) < (date, post.pk)
        result["previous_post" if is_older else "next_post"] = neighbour
    return result
