"""Writing many pages and reactions at once, faster than saving them one by one.

Publishing a page through ``publish()`` takes about 150 ms on PostgreSQL (signals, search
index, mails to the group, log entries), far too slow for a thousand posts; saving a
reaction through comments-xtd costs a few queries each. These helpers leave behind what
the ordinary path would, in a handful of statements.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save

from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.signal_handlers import post_save_signal_handler

from blog.models import BlogPage


@contextmanager
def search_index_paused(model):
    """Saving a page indexes it at once (a post_save handler). While pages are built in
    bulk that is wasted work: they are indexed in bulk afterwards (``index_in_bulk``)."""
    was_connected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        if was_connected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(model, pks, chunk_size=500):
    """Put ``model`` objects ``pks`` in the search index, ``chunk_size`` per statement.
    One backend is enough: the backends share one index table (search.backends)."""
    backend = get_search_backend()
    pks = sorted(pks)
    for start in range(0, len(pks), chunk_size):
        objects = model.get_indexed_objects().filter(pk__in=pks[start : start + chunk_size])
        if hasattr(model, "locale"):
            objects = objects.select_related("locale")
        backend.add_bulk(model, list(objects))


def insert_own_rows(model, objects):
    """Insert the rows of ``model``'s own table only. ``bulk_create`` refuses models whose
    parents have tables of their own (Reaction extends XtdComment, which extends
    Comment); the parent rows are made first and these rows point at them."""
    fields = model._meta.local_concrete_fields
    model._base_manager.all()._batched_insert(objects, fields, batch_size=500)


def publish_in_bulk(pages):
    """What ``publish()`` leaves behind for a new page, for many pages at once: a revision
    holding the page's content, set as its latest and live revision. ``first_published_at``
    and ``last_published_at`` were given when the pages were built."""
    page_type = ContentType.objects.get_for_model(BlogPage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=page.last_published_at,
                user=page.author,
                object_str=str(page),
                content=page.serializable_data(),
            )
            for page in pages
        ],
        batch_size=200,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
    BlogPage.objects.bulk_update(
        pages, ["latest_revision", "live_revision", "latest_revision_created_at"], batch_size=200
    )
