"""The Wagtail floor: a page type made of Wagtail's own blocks and a plain template, what a
Wagtail site at its simplest costs to render. ``make bench`` holds Samen's pages rendered
whole against it; ``generate_load_data`` makes the one page of this type (``bench.floor``).

It is for the benchmark alone: editors cannot add one, the site search and the sitemap
leave it out, and it is in no menu (``show_in_menus`` stays off)."""

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from pagecache.labels import page_label


class WagtailFloorPage(Page):
    body = StreamField(
        [
            ("heading", blocks.CharBlock()),
            ("paragraph", blocks.RichTextBlock()),
            ("image", ImageBlock()),
            ("quote", blocks.BlockQuoteBlock()),
        ],
        blank=True,
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]
    # Not indexed at all: no search can find it.
    search_fields = []

    is_creatable = False
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    template = "bench/wagtail_floor_page.html"

    def get_sitemap_urls(self, request=None):
        return []

    def what_a_change_purges(self, moved_from=None, cdn=False):
        # Asked of every page type when it is published, moved or deleted
        # (pagecache.purging); no other page shows this one.
        return [page_label(self)], [self]
