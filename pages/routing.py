"""Finding the page an address names in two queries, however deep it lies.

Wagtail finds a page by walking the tree from the site's root: for each part of the
address, one query for the child with that slug and one for its specific type, so a post at
``/nl/groepen/<group>/<post>/`` cost six queries before anything was rendered. The page's
``url_path`` already holds its whole address below the root, kept up to date by Wagtail on
every save and move, so the page can be looked up by it directly.

``pages/serving.py`` looks the address up before Wagtail's view runs. An address that
names no page (a group's own sub-pages such as its members page, or one that does not
exist) is walked by Wagtail the usual way. A routable page's sub-routes are never
shadowed by a real page: the group page reserves their slugs (``groups.models.RESERVED_SLUGS``).
"""

from django.contrib.contenttypes.models import ContentType

from wagtail.models import Page


def page_at(url_path):
    """The specific page at ``url_path``, with what its type reads when it is served
    fetched along (``for_serving``), or None: also for a page of a type that is not the
    site's own (Wagtail's walk finds those, as it would on any Wagtail site)."""
    found = Page.objects.filter(url_path=url_path).values_list("pk", "content_type_id").first()
    if found is None:
        return None
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not hasattr(model, "for_serving"):
        return None
    return model.for_serving().filter(pk=pk).first()
