"""The page editor's form for a blog post: who wrote it, and the address it lives at."""

import itertools

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from wagtail.admin.forms import WagtailAdminPageForm

from access.policy import is_site_editor, may_write_in
from groups.models import GroupPage


class BlogPageForm(WagtailAdminPageForm):
    """A new post is written by whoever creates it, unless the editor picks someone else:
    someone who may write in the post's group (its members and the site's editors)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "author" not in self.fields:
            return
        is_new = self.instance._state.adding
        if is_new and not self.initial.get("author") and self.for_user:
            self.initial["author"] = self.for_user.pk
        # A member writing in their group writes as themselves; editors may pick anyone
        # who may write there.
        if self.for_user and not is_site_editor(self.for_user):
            self.fields["author"].disabled = True
        group = self.parent_page.specific_deferred if self.parent_page else None
        if group is not None and isinstance(group, GroupPage):
            writers = may_write_in(group.translation_key)
            current = Q(pk=self.instance.author_id) if self.instance.author_id else Q(pk__in=[])
            accounts = self.fields["author"].queryset.model.objects
            self.fields["author"].queryset = accounts.filter(Q(pk__in=writers.values("pk")) | current).order_by(
                "display_name", "email"
            )

    def clean_slug(self):
        """Two posts in a group cannot share an address. A clash with a draft the same
        person started and left (the editor saves a new post as it is typed) gives the new
        post the next free address, so that the earlier attempt never blocks the next one;
        any other clash says which page has the address, and links to it where the writer
        may open it."""
        slug = self.cleaned_data.get("slug")
        if not slug or self.parent_page is None:
            return slug
        siblings = self.parent_page.get_children().exclude(pk=self.instance.pk)
        clash = siblings.filter(slug=slug).first()
        if clash is None:
            return slug
        if self.instance._state.adding and self._left_behind_by_this_writer(clash):
            taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
            return next(f"{slug}-{n}" for n in itertools.count(2) if f"{slug}-{n}" not in taken)
        clash = clash.specific
        if self.for_user and clash.permissions_for_user(self.for_user).can_edit():
            state = gettext(" (a draft)") if not clash.live else ""
            raise ValidationError(
                format_html(
                    gettext(
                        'The address “{slug}” is already used by <a href="{url}">{title}</a>{state}. Choose another '
                        "address, or carry on with that page."
                    ),
                    slug=slug,
                    url=reverse("wagtailadmin_pages:edit", args=[clash.pk]),
                    title=clash.title,
                    state=state,
                )
            )
        raise ValidationError(
            gettext("The address “%(slug)s” is already used by another page here. Choose another address.")
            % {"slug": slug}
        )

    def _left_behind_by_this_writer(self, page):
        return (
            self.for_user is not None
            and page.owner_id == self.for_user.pk
            and not page.live
            and page.first_published_at is None
        )
