"""The member's notification pages, under /nl/meldingen/ and /en/notifications/."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path(
        pgettext_lazy("address of the notification settings", "settings/"), views.notification_settings, name="settings"
    ),
    path("gelezen/<id:pk>/", views.mark_read, name="mark_read"),
    path("openen/<id:pk>/", views.open_notification, name="open"),
    path("alles-gelezen/", views.mark_all_read, name="mark_all_read"),
    path("volgen/lid/<id:pk>/", views.follow_person, name="follow_person"),
    path("volgen/tag/<id:pk>/", views.follow_tag, name="follow_tag"),
]
