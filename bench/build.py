"""Writing the load-test plan (``bench.plan``) to the database: ``manage.py
generate_load_data``. The ``Builder`` compares the plan with the database and adds only
what is missing, so a second run finds everything in place and adds nothing.

What is recognised as already there, so that a run never doubles anything:

- members by e-mail address (``lid001@laadtest.samen.test``, ...);
- groups by slug under the group index (the themes, fixed whatever the seed);
- posts by the number at the end of their slug (``...-0042``), and the featured post by
  its own slug (``belastingpost-met-100-reacties``): the post that has exactly 100
  visible reactions, for measuring a long thread;
- a post's reactions, reads and the follows by the post: a post that has any is left alone;
- memberships and ratings by member and item (the database allows one of each);
- the Wagtail floor page (``bench.models``) by its slug under the home page; its body
  follows the featured post's, and is written again when that changed.

Speed. Posts are built with the project's factory and put in the tree with treebeard's
``add_child`` (one save each, with the search index paused), then published in bulk
(``bench.bulk``). Reactions, ratings, memberships and reads are bulk inserts; the search
index is filled in bulk at the end. The 20 groups are few, so they are published the
ordinary way, which gives them their rights and approval workflow (``groups.signals``).
"""

import datetime
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.images import get_image_model

from allauth.account.models import EmailAddress
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from access.models import Membership
from accounts.factories import DEFAULT_PASSWORD
from accounts.models import User
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from core.factories import ImageFactory
from engagement.models import DailyViews, Follow, PostViews, Rating, Reaction
from engagement.readership import recount_recent_reads
from groups.factories import GroupPageFactory
from groups.models import GroupIndexPage, GroupPage
from groups.rights import sync_member
from privacy.models import PrivacyAgreement, current_version

from .bulk import index_in_bulk, insert_own_rows, publish_in_bulk, search_index_paused
from .floor import plain_blocks
from .models import WagtailFloorPage
from .plan import DEFAULT_SEED, FEATURED_SLUG, IMAGE_COUNT, WAGTAIL_FLOOR_SLUG, LoadDataError, Plan, Sizes, make_plan

POST_NUMBER = re.compile(r"-(\d{4,})$")


def post_number(slug):
    """The plan's number of a generated post, read from its slug (None for other posts)."""
    if slug == FEATURED_SLUG:
        return 1
    match = POST_NUMBER.search(slug)
    return int(match.group(1)) if match else None


@dataclass
class Builder:
    """Adds to the database whatever of ``plan`` is not there yet."""

    plan: Plan
    log: object = print
    added: Counter = field(default_factory=Counter)

    def run(self):
        language = settings.LANGUAGE_CODE
        group_index = GroupIndexPage.objects.filter(locale__language_code=language).first()
        if group_index is None:
            raise LoadDataError("There is no group index to put the groups in: run load_demo first.")
        users = self._step("members", self.members)
        images = self._step("images", self.images)
        groups = self._step("groups", self.groups, group_index, images)
        self._step("memberships", self.memberships, users, groups)
        posts = self._step("posts", self.posts, users, groups, images)
        self._step("reactions", self.reactions, users, posts)
        self._step("ratings", self.ratings, users, groups, posts)
        self._step("reads", self.reads, posts)
        self._step("floor page", self.wagtail_floor, group_index.get_parent(), posts[1])
        self._step("statistics", self.analyse)
        return posts[1]

    def analyse(self):
        """Give the database's planner the statistics of the new rows, as autovacuum would
        some time after a real site grew this large: without them PostgreSQL plans every
        table as nearly empty, and measures plans no production site would run."""
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        return None

    def _step(self, name, method, *args):
        started = time.monotonic()
        result = method(*args)
        self.log(f"{name:<12} {self.added[name]:>6} added  ({time.monotonic() - started:.1f} s)")
        return result

    def members(self):
        emails = [member.email for member in self.plan.members]
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        missing = [member for member in self.plan.members if member.email not in existing]
        if missing:
            # One hash for all: hashing is slow on purpose, and they share the password.
            password = make_password(DEFAULT_PASSWORD)
            User.objects.bulk_create(
                [User(email=m.email, display_name=m.display_name, bio=m.bio, password=password) for m in missing],
                batch_size=500,
            )
            self.added["members"] += len(missing)
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        # A confirmed address, as after sign-up, so that members can log in straight away.
        confirmed = set(EmailAddress.objects.filter(user__in=users.values()).values_list("user_id", flat=True))
        EmailAddress.objects.bulk_create(
            [
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in users.values()
                if user.pk not in confirmed
            ],
            batch_size=500,
        )
        # They agreed to the privacy statement in force when they signed up, so that a
        # benchmark's log-in is not held at the question.
        version = current_version()
        if version is not None:
            PrivacyAgreement.objects.bulk_create(
                [PrivacyAgreement(member=user, version=version) for user in users.values()],
                batch_size=500,
                ignore_conflicts=True,
            )
        return [users[email] for email in emails]

    def images(self):
        """A few pictures shared by all posts and groups: a thousand would take minutes to
        draw, and renditions are made once per picture anyway."""
        image_model = get_image_model()
        images = []
        for number in range(1, IMAGE_COUNT + 1):
            title = f"Laadtest {number}"
            image = image_model.objects.filter(title=title).first()
            if image is None:
                image = ImageFactory(title=title)
                self.added["images"] += 1
            images.append(image)
        return images

    def groups(self, group_index, images):
        existing = {page.slug: page for page in GroupPage.objects.child_of(group_index)}
        pages = []
        for group in self.plan.groups:
            page = existing.get(group.slug)
            if page is None:
                page = GroupPageFactory(
                    parent=group_index,
                    slug=group.slug,
                    title=group.title,
                    description=group.description,
                    intro=group.intro,
                    image=images[group.index % len(images)],
                    is_closed=group.closed,
                )
                # Published as an editor would: the signal gives the group its rights and workflow.
                page.save_revision().publish()
                self.added["groups"] += 1
            pages.append(page)
        return pages

    def memberships(self, users, groups):
        keys = [group.translation_key for group in groups]
        existing = set(Membership.objects.filter(group_key__in=keys).values_list("user_id", "group_key"))
        new = [
            Membership(user=users[member], group_key=keys[group], role=role)
            for (member, group), role in self.plan.memberships.items()
            if (users[member].pk, keys[group]) not in existing
        ]
        with transaction.atomic():
            Membership.objects.bulk_create(new, batch_size=500)
            for membership in new:
                # The Django groups that go with membership (writing in the admin).
                sync_member(membership.user, membership.group_key)
        self.added["memberships"] += len(new)

    def posts(self, users, groups, images):
        """``{number: page}`` for every planned post, built when missing."""
        existing = {}
        for group in groups:
            for page in BlogPage.objects.child_of(group):
                number = post_number(page.slug)
                if number is not None:
                    existing[number] = page
        missing = [post for post in self.plan.posts if post.number not in existing]
        if missing:
            with transaction.atomic(), search_index_paused(BlogPage):
                built = [self._build_post(post, users, groups, images) for post in missing]
                publish_in_bulk(built)
                # A post's author follows it from its first publication (blog.signals).
                Follow.objects.bulk_create(
                    [Follow(user_id=page.author_id, translation_key=page.translation_key) for page in built],
                    batch_size=500,
                    ignore_conflicts=True,
                )
                index_in_bulk(BlogPage, [page.pk for page in built])
            existing.update((post.number, page) for post, page in zip(missing, built, strict=True))
            self.added["posts"] += len(built)
        return existing

    def _build_post(self, post, users, groups, images):
        author = users[post.author]
        page = BlogPageFactory.build(
            slug=post.slug,
            title=post.title,
            teaser=post.teaser,
            author=author,
            owner=author,
            date_published=post.date,
            first_published_at=post.date,
            last_published_at=post.date,
            body=json.dumps(post.body),
            hero_image=images[post.hero] if post.hero is not None else None,
            hero_image_alt="Abstracte illustratie met cirkels" if post.hero is not None else "",
            access_level=post.access,
        )
        # Tags before the page is saved: one save per page instead of two.
        page.tags.add(*post.tags)
        groups[post.group].add_child(instance=page)
        return page

    def wagtail_floor(self, home, featured):
        """The Wagtail floor page under the home page, with the featured post's title and
        body in Wagtail's own blocks."""
        body = plain_blocks(featured)
        page = WagtailFloorPage.objects.child_of(home).filter(slug=WAGTAIL_FLOOR_SLUG).first()
        if page is None:
            page = WagtailFloorPage(title=featured.title, slug=WAGTAIL_FLOOR_SLUG, body=json.dumps(body))
            # add_child does not ask the home page's subpage_types: those say what editors
            # may add there, and this page is not theirs to add.
            home.add_child(instance=page)
        elif page.live and page.title == featured.title and _stream(page) == body:
            return page
        else:
            page.title, page.body = featured.title, json.dumps(body)
        page.save_revision().publish()
        self.added["floor page"] += 1
        return page

    def reactions(self, users, posts):
        post_type = ContentType.objects.get_for_model(BlogPage)
        planned = {str(posts[number].pk): number for number in self.plan.reactions}
        started = set(
            Reaction.objects.filter(content_type=post_type, object_pk__in=planned, site_id=settings.SITE_ID)
            .order_by()
            .values_list("object_pk", flat=True)
            .distinct()
        )
        todo = [(posts[number], self.plan.reactions[number]) for pk, number in planned.items() if pk not in started]
        if not todo:
            return
        with transaction.atomic():
            # The rows of django_comments first: their ids number the threads.
            comments = Comment.objects.bulk_create(
                [
                    Comment(
                        content_type=post_type,
                        object_pk=str(page.pk),
                        site_id=settings.SITE_ID,
                        user=users[item.author],
                        user_name=users[item.author].display_name[:50],
                        user_email=users[item.author].email,
                        comment=item.text,
                        submit_date=item.date,
                        is_public=item.public,
                        is_removed=item.removed,
                    )
                    for page, items in todo
                    for item in items
                ],
                batch_size=1000,
            )
            xtd_rows, follows = [], set()
            ids = iter(comment.pk for comment in comments)
            for page, items in todo:
                thread_ids = [next(ids) for _ in items]
                xtd_rows.extend(self._thread_rows(thread_ids, items))
                follows.update((users[item.author].pk, page.translation_key) for item in items)
            insert_own_rows(XtdComment, xtd_rows)
            insert_own_rows(Reaction, [Reaction(xtdcomment_ptr_id=row.pk) for row in xtd_rows])
            # Whoever reacts follows the post (engagement.following).
            Follow.objects.bulk_create(
                [Follow(user_id=user, translation_key=key) for user, key in sorted(follows)],
                batch_size=1000,
                ignore_conflicts=True,
            )
            index_in_bulk(Reaction, [comment.pk for comment in comments])
        self.added["reactions"] += len(comments)

    @staticmethod
    def _thread_rows(ids, items):
        """comments-xtd's thread fields, as ``XtdComment.save()`` sets them one by one: a
        top-level reaction is its own thread and parent (level 0, order 1); a reply takes
        its parent's thread, level 1 and the next order in it, and counts in the parent's
        ``nested_count``."""
        rows = []
        replies = Counter()
        for pk, item in zip(ids, items, strict=True):
            if item.reply_to is None:
                rows.append(XtdComment(comment_ptr_id=pk, thread_id=pk, parent_id=pk, level=0, order=1))
            else:
                parent = ids[item.reply_to]
                replies[parent] += 1
                rows.append(
                    XtdComment(
                        comment_ptr_id=pk, thread_id=parent, parent_id=parent, level=1, order=1 + replies[parent]
                    )
                )
        for row in rows:
            row.followup = True
            row.nested_count = replies[row.comment_ptr_id]
        return rows

    def ratings(self, users, groups, posts):
        def key_of(rating):
            return (groups[rating.item] if rating.kind == "group" else posts[rating.item]).translation_key

        keys = [group.translation_key for group in groups] + [page.translation_key for page in posts.values()]
        existing = set(Rating.objects.filter(translation_key__in=keys).values_list("user_id", "translation_key"))
        new = [
            Rating(user=users[rating.member], translation_key=key_of(rating), score=rating.score)
            for rating in self.plan.ratings
            if (users[rating.member].pk, key_of(rating)) not in existing
        ]
        Rating.objects.bulk_create(new, batch_size=1000)
        self.added["ratings"] += len(new)

    def reads(self, posts):
        """Read counts, and reads per day over the last days for "most read". Days count
        back from today, so that "most read" has something to show whenever this runs."""
        keys = {post.number: posts[post.number].translation_key for post in self.plan.posts}
        counted = set(
            PostViews.objects.filter(translation_key__in=keys.values()).values_list("translation_key", flat=True)
        )
        todo = [post for post in self.plan.posts if keys[post.number] not in counted]
        today = timezone.localdate()
        with transaction.atomic():
            PostViews.objects.bulk_create(
                [
                    PostViews(translation_key=keys[post.number], views=post.views_before + sum(post.recent_views))
                    for post in todo
                ],
                batch_size=1000,
            )
            DailyViews.objects.bulk_create(
                [
                    DailyViews(translation_key=keys[post.number], day=today - datetime.timedelta(days=ago), views=views)
                    for post in todo
                    for ago, views in enumerate(post.recent_views)
                    if views
                ],
                batch_size=1000,
                ignore_conflicts=True,
            )
            # "Most read" counts from the daily reads, as the daily job sums them.
            recount_recent_reads()
        self.added["reads"] += len(todo)


def _stream(page):
    return [{"type": block["type"], "value": block["value"]} for block in page.body.raw_data]


def generate(sizes=None, seed=DEFAULT_SEED, log=print):
    """Build the data set; returns ``(featured post, Counter of what was added)``."""
    plan = make_plan(sizes or Sizes(), seed)
    builder = Builder(plan, log=log)
    featured = builder.run()
    return featured, builder.added
