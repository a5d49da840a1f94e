from functools import lru_cache

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def relative_time(value, now=None):
    """How long ago ``value`` was, in the active language, the way the site's bylines say it:
    minutes and hours on the first day, then whole days however many ("1842 dagen geleden")."""
    now = now or timezone.now()
    seconds = int((now - value).total_seconds())
    if seconds < 0:
        return _("in the future")
    if seconds < 60:
        return _("just now")
    minutes = seconds // 60
    if minutes < 60:
        return ngettext("%(count)d minute ago", "%(count)d minutes ago", minutes) % {"count": minutes}
    hours = minutes // 60
    if hours < 24:
        return ngettext("%(count)d hour ago", "%(count)d hours ago", hours) % {"count": hours}
    days = hours // 24
    return ngettext("%(count)d day ago", "%(count)d days ago", days) % {"count": days}


def exact_time(value):
    """``(ISO 8601, the date and time written out)`` for ``value`` in the active time zone
    and language, as a byline's ``<time>`` holds them. Django's date formatting reads its
    format afresh for every call; a thread shows one for each reaction, and the same ones
    on every request, so the answers are remembered (they cannot change: the key is the
    moment, the language and the time zone)."""
    return _exact_time(value, translation.get_language(), timezone.get_current_timezone_name())


@lru_cache(maxsize=4096)
def _exact_time(value, language, zone):
    local = timezone.localtime(value)
    return local.isoformat(), formats.date_format(local, "DATETIME_FORMAT")
