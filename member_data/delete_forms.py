"""The choices a member (or an editor for them) makes before an account is deleted."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .deletion import PostChoice, ReactionChoice


class DeleteAccountForm(forms.Form):
    reactions = forms.ChoiceField(
        label=_("Your reactions"),
        choices=ReactionChoice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what becomes of the reactions."),
            "invalid_choice": _("Choose one of the options for the reactions."),
        },
    )
    posts = forms.ChoiceField(
        label=_("Your posts"),
        choices=PostChoice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what becomes of the posts."),
            "invalid_choice": _("Choose one of the options for the posts."),
        },
    )
    confirm = forms.BooleanField(
        label=_("I understand that this cannot be undone"),
        error_messages={"required": _("Tick the box to confirm that you understand this cannot be undone.")},
    )


class EditorDeleteAccountForm(DeleteAccountForm):
    """The same choices, worded for the editor who deletes someone else's account."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reactions"].label = _("The member's reactions")
        self.fields["posts"].label = _("The member's posts")
