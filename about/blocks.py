"""The blocks of the pages about the site: the blog's headings and paragraphs for the
running text, and one known accessibility problem for the statement."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from blog.blocks import HeadingBlock, ParagraphBlock


class AboutBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()


class KnownProblemBlock(blocks.StructBlock):
    problem = blocks.TextBlock(
        label=_("Problem"),
        max_length=500,
        help_text=_("What does not work, where, and for whom."),
    )
    cause = blocks.TextBlock(label=_("Cause"), max_length=500, help_text=_("Why it does not work yet."))
    fix = blocks.TextBlock(
        label=_("What we do about it"),
        max_length=500,
        help_text=_("The measure that solves it, or why it cannot be solved."),
    )
    fix_date = blocks.DateBlock(
        label=_("Solved by"),
        required=False,
        help_text=_("The date by which it is solved. Leave empty when no date can be given."),
    )

    class Meta:
        icon = "warning"
        label = _("Known problem")
        template = "about/blocks/known_problem.html"
        description = _("A part of the site that does not yet meet the requirements: what, why, and the fix.")
        preview_value = {
            "problem": "Een video heeft geen ondertitels.",
            "cause": "De video komt van een andere organisatie.",
            "fix": "We vragen de maker om ondertitels.",
        }


class KnownProblemsBlock(blocks.StreamBlock):
    problem = KnownProblemBlock()
