"""Following a member (to hear of their new posts) and following a tag (to hear of new
posts that carry it)."""

from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import PersonFollow, TagFollow


class SelfFollow(ValueError):
    pass


def follow_person(follower, followed):
    if follower.pk == followed.pk:
        raise SelfFollow
    PersonFollow.objects.get_or_create(follower=follower, followed=followed)


def unfollow_person(follower, followed):
    PersonFollow.objects.filter(follower=follower, followed=followed).delete()


def follows_person(user, followed_id):
    return user.is_authenticated and PersonFollow.objects.filter(follower=user, followed_id=followed_id).exists()


def follow_tag(user, tag):
    TagFollow.objects.get_or_create(user=user, tag=tag)


def unfollow_tag(user, tag):
    TagFollow.objects.filter(user=user, tag=tag).delete()


def follows_tag(user, tag_id):
    return user.is_authenticated and TagFollow.objects.filter(user=user, tag_id=tag_id).exists()


def followers_of(author_id=None, tag_ids=()):
    """The active members who follow the member ``author_id`` or any of ``tag_ids``, each once."""
    people = PersonFollow.objects.filter(followed_id=author_id).values("follower_id")
    tags = TagFollow.objects.filter(tag_id__in=list(tag_ids)).values("user_id")
    return get_user_model().objects.filter(is_active=True).filter(Q(pk__in=people) | Q(pk__in=tags)).order_by("pk")
