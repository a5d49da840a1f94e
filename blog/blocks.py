"""The blocks an editor composes a blog post from. Each has its own template under
``templates/blocks/``, an icon, a description for the block picker and a preview value."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading (h2)")), ("h3", _("Subheading (h3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"
        description = _("A heading that divides the post into sections.")
        preview_value = {"text": "Waarom samenwerken werkt", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", PARAGRAPH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")
        template = "blocks/paragraph.html"
        description = _("Running text with bold, italic, links and numbered or bulleted lists.")
        preview_value = (
            "<p>Een groep groeit als mensen <b>elkaar</b> weten te vinden. "
            'Lees ook <a href="https://example.org">de handreiking</a>.</p>'
            "<ul><li>Deel wat werkt</li><li>Vraag wat niet werkt</li></ul>"
        )


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image.html"
        description = _("An image with alternative text and an optional caption.")
        preview_value = {"alt_text": "Deelnemers aan tafel tijdens een werksessie", "caption": "Werksessie"}


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=1000)
    attribution = blocks.CharBlock(label=_("Attribution"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"
        description = _("A quotation, with who said it.")
        preview_value = {
            "quote": "Talent groeit waar het gezien wordt.",
            "attribution": "Deelnemer aan de Menskracht-dag",
        }


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Video address"), help_text=_("A link to the video, for example on YouTube or Vimeo."))
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video.html"
        description = _("An embedded video; when it cannot be embedded, readers get a link to it.")
        preview_value = {"video": "https://www.youtube.com/watch?v=samen", "caption": "Terugblik op de dag"}


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link"])

    class Meta:
        icon = "warning"
        label = _("Call-out")
        template = "blocks/callout.html"
        description = _("A highlighted box for a tip, an invitation or something readers must not miss.")
        preview_value = {"title": "Doe mee", "text": "<p>De volgende bijeenkomst is open voor iedereen.</p>"}


class BlogBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    video = VideoBlock()
    callout = CalloutBlock()
