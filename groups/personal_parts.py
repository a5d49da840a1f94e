"""The member's own part of a group page (see pagecache/personal_parts.py): whether they get an
e-mail for each new post. Everything else in the membership box follows from their role,
which is part of their audience."""

from access.models import Membership
from pagecache.personal_parts import csrf_token, part


@part("group-mails", "groups/group_mails.html")
def group_mails(request, action, key):
    notify = (
        Membership.objects.filter(user_id=request.user.pk, group_key=key).values_list("notify_posts", flat=True).first()
    )
    return {"action_url": action, "notify": bool(notify), "csrf_token": csrf_token(request)}
