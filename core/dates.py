from django.utils import timezone
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
