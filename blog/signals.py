from wagtail.signals import page_published

from engagement.following import follow
from engagement.reactions import canonical_post

from .models import BlogPage


def author_follows_own_post(sender, instance, **kwargs):
    """A post's author follows it from its first publication, so they hear of every reaction."""
    # Only the first publication: an author who stopped following is not signed up again
    # by every later edit.
    first = instance.first_published_at is not None and instance.first_published_at == instance.last_published_at
    if first and instance.author_id and instance.author.is_active:
        follow(instance.author, canonical_post(instance))


def connect():
    page_published.connect(author_follows_own_post, sender=BlogPage, dispatch_uid="blog_author_follows")
