from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("overzichtsmail/stoppen/<str:token>/", views.stop_digest, name="stop"),
]
