"""Fields a translation never decides for itself: who may read a page must be the same
in every language, at once. wagtail-localize copies synchronised fields only when a
translation is synced, and publishing an older revision would bring an old value back;
so a translation always takes the value from its source when saved, and a source passes
its value on to its translations when it is saved."""

from .locales import default_locale_id


def _source_of(page):
    if page.pk is None and page.translation_key is None:
        return None
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale_id=default_locale_id())
        .exclude(pk=page.pk)
        .first()
    )


def follow_source(page, field_name):
    """Before saving a translation: take ``field_name`` from the source page."""
    if page.locale_id == default_locale_id():
        return
    source = _source_of(page)
    if source is not None:
        setattr(page, field_name, getattr(source, field_name))


def lead_translations(page, field_name, update_fields=None):
    """After saving a source page: give its translations the same ``field_name``. Only
    when the field itself was saved: saving a draft revision saves the page row with
    ``update_fields`` that leave it out, and a draft must change nothing that readers see."""
    if page.locale_id != default_locale_id():
        return
    if update_fields is not None and field_name not in update_fields:
        return
    value = getattr(page, field_name)
    (
        type(page)
        .objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .exclude(**{field_name: value})
        .update(**{field_name: value})
    )


def version_in(page, language):
    """``page`` in ``language`` when that version is live, else ``page`` itself."""
    if page.locale.language_code == language:
        return page
    return page.get_translations().live().filter(locale__language_code=language).first() or page
