from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from django_comments.forms import CommentSecurityForm


class ReactionForm(CommentSecurityForm):
    """A reaction or a reply. The security fields (content type, object, timestamp and
    a signed hash of them) come from django-contrib-comments: a form for one post cannot
    be replayed against another, nor kept for longer than two hours."""

    comment = forms.CharField(
        label=_("Your reaction"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("You can use **bold**, *italic*, [links](https://…), lists, > quotes and a # heading."),
        error_messages={"required": _("Your reaction is empty. Write something first.")},
    )
    reply_to = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, initial=0)

    def __init__(self, target_object, *args, **kwargs):
        super().__init__(target_object, *args, **kwargs)
        limit = settings.REACTION_MAX_LENGTH
        self.fields["comment"].widget.attrs["maxlength"] = limit

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError(self.fields["comment"].error_messages["required"])
        limit = settings.REACTION_MAX_LENGTH
        if len(text) > limit:
            raise forms.ValidationError(
                _("Your reaction is %(length)d characters long; at most %(limit)d fit. Please shorten it."),
                params={"length": len(text), "limit": limit},
            )
        return text


class EditReactionForm(forms.Form):
    comment = ReactionForm.base_fields["comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].widget.attrs["maxlength"] = settings.REACTION_MAX_LENGTH

    clean_comment = ReactionForm.clean_comment
