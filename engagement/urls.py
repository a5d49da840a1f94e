from django.urls import path

from . import guest_views, like_views, mention_views, views

app_name = "engagement"

urlpatterns = [
    path("plaatsen/", views.post_reaction, name="post"),
    path("voorkeur/", views.save_choices, name="choices"),
    path("lijst/<id:page_id>/", views.reaction_batch, name="batch"),
    path("<id:reaction_id>/bewerken/", views.edit_reaction, name="edit"),
    path("<id:reaction_id>/verwijderen/", views.delete_reaction, name="delete"),
    path("<id:reaction_id>/melden/", views.flag_reaction, name="flag"),
    path("<id:reaction_id>/nuttig/", like_views.like_reaction, name="like"),
    path("noemen/<id:page_id>/", mention_views.mention_suggestions, name="mentions"),
    path("volgen/<id:page_id>/", views.toggle_follow, name="follow"),
    path("sluiten/<id:page_id>/", views.toggle_closed, name="close"),
    path("stoppen/<str:token>/", views.stop_following, name="stop_following"),
    path("gast/plaatsen/", guest_views.post_guest_reaction, name="guest_post"),
    path("gast/verstuurd/", guest_views.guest_reaction_sent, name="guest_sent"),
    path("gast/bevestigen/<str:token>/", guest_views.confirm_guest_reaction, name="guest_confirm"),
    path("gast/stoppen/<str:token>/", guest_views.guest_stop_following, name="guest_stop_following"),
]
