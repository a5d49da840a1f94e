"""wagtail-localize's translation screens, fitted to a site with two languages.

- "Translate this page" ticks the target language when only one is left to choose, instead
  of answering "this field is required" to a translator who saw one box and pressed Submit.
- Publishing a translation with strings still untranslated first asks the translator:
  wagtail-localize would publish the source language's words in their place and only say
  so afterwards. The question names how many strings are missing; publishing anyway posts
  the same form again with ``confirmed``."""

from django.shortcuts import render
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail_localize.models import Translation
from wagtail_localize.views.submit_translations import SubmitPageTranslationView

CONFIRMED = "publish-incomplete-confirmed"


class SubmitPageTranslation(SubmitPageTranslationView):
    def get_form(self):
        form = super().get_form()
        if not form.is_bound and not form.initial.get("locales"):
            choices = list(form.fields["locales"].queryset)
            if len(choices) == 1:
                form.initial = {**form.initial, "locales": choices}
        return form


def translation_being_edited(page):
    """The enabled translation whose target is ``page``, or None for a source page."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def untranslated_strings(translation):
    segments = translation.source.stringsegment_set.annotate_translation(translation.target_locale)
    return segments.filter(translation__isnull=True).count()


def language_name(locale):
    """The language's name in the admin's language ("Engels"), not in its own ("English")."""
    return get_language_info(locale.language_code)["name_translated"]


def confirm_incomplete_publish(request, page):
    """Before wagtail-localize publishes ``page``: the question, when strings are missing."""
    if request.method != "POST" or request.POST.get("action") != "publish" or request.POST.get(CONFIRMED):
        return None
    translation = translation_being_edited(page)
    if translation is None:
        return None
    missing = untranslated_strings(translation)
    if not missing:
        return None
    total = translation.source.stringsegment_set.count()
    return render(
        request,
        "core/admin/confirm_incomplete_translation.html",
        {
            "page": page,
            "missing": missing,
            "total": total,
            "source_language": language_name(translation.source.locale),
            "target_language": language_name(translation.target_locale),
            "confirmed_field": CONFIRMED,
            "title": _("Publish an incomplete translation?"),
        },
    )
