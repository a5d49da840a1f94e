"""Work a reaction leaves for the task workers: mailing the post's followers."""

from django_tasks import task

from .following import notify_followers
from .models import Reaction
from .reactions import shown


@task()
def mail_followers(reaction_id):
    """One task per reaction. A reaction removed or hidden before the task ran mails nobody."""
    reaction = shown(Reaction.objects.filter(pk=reaction_id)).select_related("user").first()
    if reaction is None or reaction.content_object is None:
        return 0
    return notify_followers(reaction, reaction.content_object)
