"""The member's own parts of every page (see pagecache/personal_parts.py): the bell with
their unread notifications, and the buttons that follow a member or a tag."""

from pagecache.personal_parts import csrf_token, part

from .follows import follows_person, follows_tag
from .inbox import unread_count


@part("bell", "notifications/bell.html")
def bell(request):
    user = request.user
    return {"unread": unread_count(user) if user.is_authenticated else 0, "user": user}


@part("follow-person", "notifications/follow_person.html")
def follow_person_button(request, member, label, next):
    user = request.user
    return {
        "member": member,
        "name": label,
        "following": follows_person(user, member),
        "own": user.is_authenticated and user.pk == member,
        "next": next,
        "user": user,
        "csrf_token": csrf_token(request) if user.is_authenticated else "",
    }


@part("follow-tag", "notifications/follow_tag.html")
def follow_tag_button(request, tag, label, next):
    user = request.user
    return {
        "tag": tag,
        "name": label,
        "following": follows_tag(user, tag),
        "next": next,
        "user": user,
        "csrf_token": csrf_token(request) if user.is_authenticated else "",
    }
