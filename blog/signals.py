from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from engagement.following import follow
from engagement.reactions import canonical_post
from groups.tasks import mail_group_about_post

from .models import BlogPage


def author_follows_own_post(sender, instance, **kwargs):
    """A post's author follows it from its first publication, so they hear of every reaction."""
    # Only the first publication: an author who stopped following is not signed up again
    # by every later edit.
    first = instance.first_published_at is not None and instance.first_published_at == instance.last_published_at
    if first and instance.author_id and instance.author.is_active:
        follow(instance.author, canonical_post(instance))


def index_with_its_tags(sender, instance, **kwargs):
    """Index the post again once it is published: the index is updated when the page row
    is saved, before Wagtail stores the tags that came with it, so a tag added while
    publishing would otherwise not be found until the next save."""
    insert_or_update_object(instance)


def mail_the_group(sender, instance, **kwargs):
    """The first publication of a post in a group is mailed to the group's members, once
    for all its languages: a translation published later is the same news, and each
    member's mail already names the post in their own language where it is live. The
    mails are made by a task enqueued in the publication's own transaction, so the
    publish answers at once however large the group."""
    first = instance.first_published_at is not None and instance.first_published_at == instance.last_published_at
    if not first or instance.group is None:
        return
    if instance.get_translations().exclude(first_published_at=None).exists():
        return
    mail_group_about_post.enqueue(instance.pk, instance.group.pk)


def connect():
    page_published.connect(author_follows_own_post, sender=BlogPage, dispatch_uid="blog_author_follows")
    page_published.connect(index_with_its_tags, sender=BlogPage, dispatch_uid="blog_index_with_tags")
    page_published.connect(mail_the_group, sender=BlogPage, dispatch_uid="blog_mail_the_group")
