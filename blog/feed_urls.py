from django.urls import path

from .feeds import AuthorPosts, GroupPosts, LatestPosts, TagPosts, atom

app_name = "feeds"

urlpatterns = [
    path("rss/", LatestPosts(), name="latest_rss"),
    path("atom/", atom(LatestPosts)(), name="latest_atom"),
    path("groep/<slug:slug>/rss/", GroupPosts(), name="group_rss"),
    path("groep/<slug:slug>/atom/", atom(GroupPosts)(), name="group_atom"),
    path("tag/<slug:slug>/rss/", TagPosts(), name="tag_rss"),
    path("tag/<slug:slug>/atom/", atom(TagPosts)(), name="tag_atom"),
    path("auteur/<id:pk>/rss/", AuthorPosts(), name="author_rss"),
    path("auteur/<id:pk>/atom/", atom(AuthorPosts)(), name="author_atom"),
]
