import re

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.functional import cached_property
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

    @cached_property
    def written_out(self):
        """What every copy of this form on a page shows alike (engagement/form.html): the
        post's thread has a reply form under each of its threads, all from this one form,
        so these are worked out once instead of for each."""
        object_pk = self["object_pk"].value()
        return {
            "content_type": self["content_type"].value(),
            "object_pk": object_pk,
            "timestamp": self["timestamp"].value(),
            "security_hash": self["security_hash"].value(),
            "mention_url": reverse("engagement:mentions", args=[object_pk]),
            "maxlength": self.fields["comment"].widget.attrs["maxlength"],
            "help_text": self.fields["comment"].help_text,
        }

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


# Letters, digits, spaces and the punctuation names have; no line breaks or control
# characters, which would let a name pose as something else in a mail or a listing.
_NAME_ALLOWED = re.compile(r"[^\W_]|[ .,'’()&-]")


class GuestReactionForm(ReactionForm):
    """A reaction by a visitor without an account: their name (shown, marked as a
    guest's), their e-mail address (never shown; the confirmation link goes there) and
    whether they want the reactions that follow by e-mail."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=50,
        help_text=_("Shown above your reaction, marked as a guest's."),
        error_messages={
            "required": _("Fill in your name."),
            "max_length": _("Your name is %(show_value)d characters long; at most %(limit_value)d fit."),
        },
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        help_text=_("We mail you a link to confirm your reaction. Your address is never shown."),
        error_messages={
            "required": _("Fill in your e-mail address: the link to confirm your reaction goes there."),
            "invalid": _("This is not an e-mail address. Check it and send again."),
            "max_length": _("This e-mail address is too long."),
        },
    )
    follow = forms.BooleanField(label=_("Follow this post: mail me new reactions"), required=False)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(self.fields["name"].error_messages["required"])
        if not all(_NAME_ALLOWED.fullmatch(character) for character in name):
            raise forms.ValidationError(_("Use letters, digits, spaces and . , ' ( ) & - in your name."))
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip()
