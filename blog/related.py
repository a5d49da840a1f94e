from django.db.models import Count, F, OuterRef, Q, Subquery

from access.policy import viewable

from .listings import for_a_few_cards, post_cards


def posts_to_read_next(post, user, limit=4, tags=None):
    """Posts to read next: the editor's pinned choices first, then the posts sharing the
    most tags with this one, ties broken by the newest. Never the post itself, never an
    unpublished post, never one in another language, never one ``user`` may not read.
    Pinned and tagged posts come in one query with their authors and images; their stars
    and reaction counts in one grouped query each (post_cards)."""
    post_type = type(post)

    # Read through the in-memory relations, so that a preview shows unsaved pins and tags;
    # a served post knows whether it has any (BlogPage.for_serving), most have none.
    pinned_ids = []
    pins = post.related_pins.all() if getattr(post, "has_related_pins", True) else []
    for pin in pins:
        if pin.related_id and pin.related_id not in pinned_ids:
            pinned_ids.append(pin.related_id)
    tags = post.tags.all() if tags is None else tags
    tag_ids = [tag.pk for tag in tags if tag.pk]
    if not pinned_ids and not tag_ids:
        return []

    candidates = viewable(user, post_type.objects.filter(locale_id=post.locale_id)).exclude(pk=post.pk)
    # A translation's pins are copied from the source post, so they name the source
    # language's pages: a candidate is pinned when it is a version of a pinned page.
    pinned_as = post_type.objects.filter(pk__in=pinned_ids, translation_key=OuterRef("translation_key"))
    tag_links = post_type._meta.get_field("tagged_items").related_model.objects
    tagged = tag_links.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
    shared_tags = tagged.order_by().values("content_object").annotate(n=Count("pk")).values("n")
    pinned_keys = post_type.objects.filter(pk__in=pinned_ids).values("translation_key")
    tagged_ids = tag_links.filter(tag_id__in=tag_ids).values("content_object")
    chosen = (
        candidates.filter(Q(translation_key__in=pinned_keys) | Q(pk__in=tagged_ids))
        .annotate(pinned_as=Subquery(pinned_as.values("pk")[:1]), shared_tags=Subquery(shared_tags))
        # The pinned first (in any order: sorted by their pins below), then by shared tags.
        .order_by(
            F("pinned_as").desc(nulls_last=True), F("shared_tags").desc(nulls_last=True), "-date_published", "-pk"
        )
    )
    found = list(for_a_few_cards(chosen)[: limit + len(pinned_ids)])
    pin_order = {pk: position for position, pk in enumerate(pinned_ids)}
    pinned = sorted((p for p in found if p.pinned_as in pin_order), key=lambda p: pin_order[p.pinned_as])
    by_tags = [p for p in found if p.pinned_as not in pin_order]
    return post_cards((pinned + by_tags)[:limit])
