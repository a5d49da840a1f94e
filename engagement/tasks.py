"""Work a reaction leaves for the task workers: mailing the post's followers, and the
link that confirms a guest's reaction."""

from django_tasks import task

from .following import notify_followers
from .guest_mail import mail_confirmation_link
from .models import Reaction
from .reactions import shown


@task()
def mail_followers(reaction_id):
    """One task per reaction. A reaction removed or hidden before the task ran mails nobody."""
    reaction = shown(Reaction.objects.filter(pk=reaction_id)).select_related("user").first()
    if reaction is None or reaction.content_object is None:
        return 0
    return notify_followers(reaction, reaction.content_object)


@task()
def mail_guest_confirmation(reaction_id, token, language):
    """The link that confirms a guest's reaction; nothing when it was confirmed or removed
    before the task ran."""
    reaction = Reaction.objects.filter(pk=reaction_id, user__isnull=True, confirmed_at__isnull=True).first()
    if reaction is None or reaction.content_object is None:
        return 0
    return mail_confirmation_link(reaction, reaction.content_object, token, language)
