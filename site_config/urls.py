from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import pgettext_lazy

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts.views import admin_login, frontend_login
from core.views import switch_language
from engagement.rating_views import rate, read_beacon
from groups.views import stop_new_post_mails
from notifications.views import stop_kind_mails
from pages.page_password import authenticate_with_password
from pages.serving import serve as serve_page
from pages.sitemap import robots, sitemap
from search.views import search
from site_config.health import healthz, readyz
from site_config.media import media
from theme.views import favicon

# Admin, documents and the reaction, reading and rating endpoints stay outside the language prefix; every
# page, and the account pages, live under /nl/ or /en/.
urlpatterns = [
    # The admin's own log-in form is replaced by the site's, which is rate-limited.
    path("admin/login/", admin_login, name="admin_login_redirect"),
    # Two admin reports that list pages without asking the page permission policy, in
    # versions that leave out what the member may not open (access/admin_reports.py).
    path("admin/", include("access.admin_reports")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("reacties/", include("engagement.urls")),
    path("taal/<str:code>/", switch_language, name="switch_language"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("robots.txt", robots, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path("statistieken/gelezen/<id:page_id>/", read_beacon, name="read_beacon"),
    path("beoordelen/<id:page_id>/", rate, name="rate"),
    path("lidmaatschap/stoppen/<str:token>/", stop_new_post_mails, name="group_mail_stop"),
    path("meldingen/stoppen/<str:token>/", stop_kind_mails, name="notifications_stop"),
    # Uploads, answered only in debug mode or with SERVE_MEDIA on (site_config/media.py).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media, name="media"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# Wagtail's page serving, with three of its own views replaced under their names (which
# Wagtail reverses): its front-end log-in (a plain Django LoginView, which knows neither
# allauth's rate limits nor its e-mail confirmation) leads to the site's log-in, and its
# page-password form limits wrong passwords (pages/page_password.py).
REPLACED = {
    # Pages are found by their address (pages/serving.py), then served by Wagtail's view.
    "wagtail_serve": re_path(wagtail_urls.serve_pattern, serve_page, name="wagtail_serve"),
    "wagtailcore_login": path("_util/login/", frontend_login, name="wagtailcore_login"),
    "wagtailcore_authenticate_with_password": path(
        "_util/authenticate_with_password/<id:page_view_restriction_id>/<id:page_id>/",
        authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
}
wagtail_page_urls = [REPLACED.get(pattern.name, pattern) for pattern in wagtail_urls.urlpatterns]

urlpatterns += i18n_patterns(
    path(pgettext_lazy("address of the search page", "search/"), search, name="search"),
    path("feeds/", include("blog.feed_urls")),
    # Setting up a second factor may lead on to ?next= (accounts/second_factor_views.py).
    path("account/2fa/", include("accounts.second_factor_views")),
    path("account/", include("allauth.urls")),
    path("leden/", include("profiles.urls")),
    path("leden/", include("accounts.urls")),
    path("leden/", include("privacy.urls")),
    path("leden/", include("digests.urls")),
    path("leden/", include("member_data.urls")),
    path(pgettext_lazy("address of the notifications page", "notifications/"), include("notifications.urls")),
    path("", include(wagtail_page_urls)),
    prefix_default_language=True,
)
