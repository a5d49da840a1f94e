"""The member's notification settings: per kind how they hear of it, and how often their
digest comes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DEFAULT_CHANNELS, Channel, DigestSettings, Kind, Preference


class SettingsForm(forms.Form):
    digest = forms.ChoiceField(
        label=_("How often your digest comes"), choices=DigestSettings.Frequency.choices, widget=forms.RadioSelect
    )

    @staticmethod
    def field_name(kind):
        return f"kind_{kind.replace('-', '_')}"

    def __init__(self, user, *args, digest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest"].initial = digest.frequency
        chosen = dict(Preference.objects.filter(user=user).values_list("kind", "channel"))
        for kind in Kind:
            self.fields[self.field_name(kind)] = forms.ChoiceField(
                label=kind.label,
                choices=Channel.choices,
                initial=chosen.get(kind.value, DEFAULT_CHANNELS[kind]),
                widget=forms.RadioSelect,
            )

    def kind_fields(self):
        return [self[self.field_name(kind)] for kind in Kind]
