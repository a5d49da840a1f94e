from django.db.models import Count, OuterRef, Subquery

from access.policy import viewable

from .listings import for_cards, post_cards


def posts_to_read_next(post, user, limit=4, tags=None):
    """Posts to read next: the editor's pinned choices first, then the posts sharing the
    most tags with this one, ties broken by the newest. Never the post itself, never an
    unpublished post, never one in another language, never one ``user`` may not read."""
    post_type = type(post)
    candidates = viewable(user, post_type.objects.filter(locale_id=post.locale_id)).exclude(pk=post.pk)

    # Read through the in-memory relations, so that a preview shows unsaved pins and tags.
    pinned_ids = []
    for pin in post.related_pins.all():
        if pin.related_id and pin.related_id not in pinned_ids:
            pinned_ids.append(pin.related_id)
    # A translation's pins are copied from the source post, so they name the source
    # language's pages: take each pinned page's version in this post's language.
    pinned_by_id = {}
    if pinned_ids:
        pinned_as = post_type.objects.filter(pk__in=pinned_ids, translation_key=OuterRef("translation_key"))
        in_this_language = candidates.annotate(pinned_as=Subquery(pinned_as.values("pk")[:1]))
        pinned_by_id = {p.pinned_as: p for p in for_cards(in_this_language.filter(pinned_as__isnull=False))}
    chosen = [pinned_by_id[pk] for pk in pinned_ids if pk in pinned_by_id][:limit]

    tags = post.tags.all() if tags is None else tags
    tag_ids = [tag.pk for tag in tags if tag.pk]
    room = limit - len(chosen)
    if room > 0 and tag_ids:
        by_tags = (
            candidates.exclude(pk__in=[p.pk for p in chosen])
            .filter(tagged_items__tag_id__in=tag_ids)
            .annotate(shared_tags=Count("tagged_items"))
            .order_by("-shared_tags", "-date_published", "-pk")
        )
        chosen.extend(for_cards(by_tags)[:room])
    return post_cards(chosen)
