from django.http import HttpResponseRedirect
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .look import look_for_request


@require_safe
@never_cache
def favicon(request):
    """Browsers ask for /favicon.ico by themselves: send them to the theme's icon, or to
    Samen's own. The answer is never kept, so a new icon is found at once."""
    return HttpResponseRedirect(look_for_request(request)["icon"] or static("images/icons/favicon.ico"))
