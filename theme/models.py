"""The organisation's look, set by an editor per site: its name, logo, icon, colours and
font. Colours that would make text or focus outlines hard to see are refused on save."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string

from .contrast import HEX_COLOUR, WHITE, contrast_ratio, is_hex_colour, rounded_down

DEFAULT_NAME = "Samen"
DEFAULT_COLOURS = {
    "color_primary": "#0b5d6b",
    "color_header": "#073f49",
    "color_accent": "#e0a526",
    "color_focus": "#d46a00",
}
COLOUR_FIELDS = tuple(DEFAULT_COLOURS)


class Font(models.TextChoices):
    """Typefaces every reader's device already has: no font is fetched from anywhere."""

    SYSTEM = "system", _("System font (default)")
    HUMANIST = "humanist", _("Verdana: wide and open")
    ARIAL = "arial", _("Arial or Helvetica")
    SERIF = "serif", _("Georgia: with serifs")


FONT_STACKS = {
    Font.SYSTEM: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    Font.HUMANIST: 'Verdana, "DejaVu Sans", "Bitstream Vera Sans", Geneva, Tahoma, sans-serif',
    Font.ARIAL: 'Arial, "Helvetica Neue", Helvetica, "Liberation Sans", sans-serif',
    Font.SERIF: 'Georgia, Cambria, "DejaVu Serif", "Liberation Serif", "Times New Roman", serif',
}

hex_colour = RegexValidator(
    HEX_COLOUR,
    message=_("Enter a colour as # followed by six hexadecimal digits (0-9 and a-f), such as #0b5d6b."),
    code="hex_colour",
)

# What each colour is used for, and so what it must stand out against (WCAG 2.1: 4.5:1 for
# text, 3:1 for the parts of the interface that are not text).
CONTRAST_RULES = [
    (
        "color_primary",
        WHITE,
        Decimal("4.5"),
        _(
            "Too little contrast: this colour on white, and white text on this colour, reaches "
            "%(ratio)s:1; at least %(minimum)s:1 is needed."
        ),
    ),
    (
        "color_header",
        WHITE,
        Decimal("4.5"),
        _(
            "Too little contrast: white text on this header colour reaches %(ratio)s:1; "
            "at least %(minimum)s:1 is needed."
        ),
    ),
    (
        "color_accent",
        "color_header",
        Decimal("3"),
        _(
            "Too little contrast: this accent colour on the header colour reaches %(ratio)s:1; "
            "at least %(minimum)s:1 is needed."
        ),
    ),
    (
        "color_focus",
        WHITE,
        Decimal("3"),
        _("Too little contrast: this focus colour on white reaches %(ratio)s:1; at least %(minimum)s:1 is needed."),
    ),
    (
        "color_focus",
        "color_header",
        Decimal("3"),
        _(
            "Too little contrast: this focus colour on the header colour reaches %(ratio)s:1; "
            "at least %(minimum)s:1 is needed."
        ),
    ),
]


def colour_field(verbose_name, field, help_text):
    return models.CharField(
        verbose_name,
        max_length=7,
        default=DEFAULT_COLOURS[field],
        validators=[hex_colour],
        help_text=help_text,
    )


@register_setting(icon="palette")
class Theme(BaseSiteSetting):
    """How the site looks for one organisation."""

    organisation_name = models.CharField(
        _("organisation name"),
        max_length=100,
        default=DEFAULT_NAME,
        help_text=_("Shown in the header, in the browser's tab and when someone shares a page."),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown 40 pixels high, before the name. Without a logo, the Samen logo is shown."),
    )
    favicon = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("site icon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square image of at least 180 by 180 pixels, for browser tabs and phones' home screens. "
            "Without one, the middle of the logo is used."
        ),
    )
    color_primary = colour_field(
        _("primary colour"), "color_primary", _("Links, buttons and the current page. Must stand out against white.")
    )
    color_header = colour_field(
        _("header colour"), "color_header", _("The background of the page header, whose text is white.")
    )
    color_accent = colour_field(
        _("accent colour"), "color_accent", _("Details such as the line under the current item in the header.")
    )
    color_focus = colour_field(
        _("focus colour"),
        "color_focus",
        _("The outline around what the keyboard is on, on white and on the header colour."),
    )
    font = models.CharField(_("font"), max_length=20, choices=Font.choices, default=Font.SYSTEM)

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("logo"), FieldPanel("favicon")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in COLOUR_FIELDS],
            heading=_("Colours"),
            help_text=_("Six hexadecimal digits after #, such as #0b5d6b. Colours that are hard to read are refused."),
        ),
        MultiFieldPanel([FieldPanel("font")], heading=_("Font")),
    ]

    class Meta:
        verbose_name = _("theme")

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        # A form leaves out of the model's checks the fields it already refused; their
        # attributes then still hold the old, saved values, which must not be measured
        # against the new ones.
        self._refused_fields = set(exclude or ())
        try:
            super().full_clean(exclude, validate_unique, validate_constraints)
        finally:
            del self._refused_fields

    def clean(self):
        super().clean()
        refused = getattr(self, "_refused_fields", set())
        for name in COLOUR_FIELDS:
            if is_hex_colour(getattr(self, name)):
                setattr(self, name, getattr(self, name).lower())
        errors = {}
        for field, against, minimum, message in CONTRAST_RULES:
            names = {field} | ({against} if against in COLOUR_FIELDS else set())
            colours = {name: getattr(self, name) for name in names}
            if names & refused or not all(map(is_hex_colour, colours.values())):
                continue
            ratio = contrast_ratio(colours[field], colours.get(against, against))
            if ratio < minimum:
                params = {"ratio": number_format(rounded_down(ratio), decimal_pos=2), "minimum": number_format(minimum)}
                errors.setdefault(field, []).append(ValidationError(message, code="contrast", params=params))
        if errors:
            raise ValidationError(errors)

    @property
    def font_stack(self):
        return FONT_STACKS.get(self.font, FONT_STACKS[Font.SYSTEM])
