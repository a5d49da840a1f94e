from django.urls import path

from . import views

app_name = "engagement"

urlpatterns = [
    path("plaatsen/", views.post_reaction, name="post"),
    path("voorkeur/", views.save_choices, name="choices"),
    path("lijst/<int:page_id>/", views.reaction_batch, name="batch"),
    path("<int:reaction_id>/bewerken/", views.edit_reaction, name="edit"),
    path("<int:reaction_id>/verwijderen/", views.delete_reaction, name="delete"),
    path("<int:reaction_id>/melden/", views.flag_reaction, name="flag"),
    path("volgen/<int:page_id>/", views.toggle_follow, name="follow"),
    path("sluiten/<int:page_id>/", views.toggle_closed, name="close"),
    path("stoppen/<str:token>/", views.stop_following, name="stop_following"),
]
