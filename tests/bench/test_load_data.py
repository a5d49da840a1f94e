"""``generate_load_data`` on a small scale: it makes what was asked, the same seed makes the
same data, and running it again adds nothing."""

import io

from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from wagtail.models import Page, Revision

import pytest

from access.models import Membership
from accounts.factories import current_code_for
from accounts.models import User
from bench import plan
from blog.models import BlogPage
from engagement.models import DailyViews, Follow, PostViews, Rating, Reaction
from engagement.reactions import reaction_count, thread_of
from groups.models import GroupPage
from tests.helpers import get_html

pytestmark = pytest.mark.django_db

SMALL = {"groups": 3, "posts": 12, "reactions": 150, "ratings": 40, "members": 10}
MEMBER_DOMAIN = "@laadtest.samen.test"


def generate(seed=None, **sizes):
    out = io.StringIO()
    options = {**SMALL, **sizes}
    if seed is not None:
        options["seed"] = seed
    call_command("generate_load_data", stdout=out, **options)
    return out.getvalue()


def featured():
    return BlogPage.objects.get(slug=plan.FEATURED_SLUG)


def counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "members": User.objects.count(),
        "memberships": Membership.objects.count(),
        "reactions": Reaction.objects.count(),
        "ratings": Rating.objects.count(),
        "follows": Follow.objects.count(),
        "reads": PostViews.objects.count(),
        "daily reads": DailyViews.objects.count(),
    }


def natural_data():
    """The generated data without database ids, to compare two runs."""
    slug_of = {page.translation_key: page.slug for page in Page.objects.all()}
    return {
        "members": sorted(
            User.objects.filter(email__endswith=MEMBER_DOMAIN).values_list("email", "display_name", "bio")
        ),
        "posts": sorted(
            (p.slug, p.title, p.teaser, p.get_parent().slug, p.author.email, p.date_published, p.access_level)
            for p in BlogPage.objects.filter(author__email__endswith=MEMBER_DOMAIN).select_related("author")
        ),
        "reactions": sorted(
            (
                Page.objects.get(pk=r.object_pk).slug,
                r.user.email,
                r.comment,
                r.submit_date,
                r.level,
                r.is_public,
                r.is_removed,
            )
            for r in Reaction.objects.select_related("user")
        ),
        "ratings": sorted(
            (r.user.email, slug_of[r.translation_key], r.score) for r in Rating.objects.select_related("user")
        ),
        "memberships": sorted(
            (m.user.email, slug_of[m.group_key], m.role) for m in Membership.objects.select_related("user")
        ),
    }


class RolledBack(Exception):
    pass


def data_of_a_run_on(seed):
    """What one run with ``seed`` makes, on the database as it is now; undone afterwards."""
    try:
        with transaction.atomic():
            generate(seed=seed)
            data = natural_data()
            raise RolledBack
    except RolledBack:
        return data


def test_a_small_run_makes_what_was_asked(group_index):
    output = generate()

    groups = GroupPage.objects.child_of(group_index).live()
    assert groups.count() == SMALL["groups"]
    posts = BlogPage.objects.filter(author__email__endswith=MEMBER_DOMAIN)
    assert posts.count() == SMALL["posts"]
    assert User.objects.filter(email__endswith=MEMBER_DOMAIN).count() == SMALL["members"]
    assert Reaction.objects.count() == SMALL["reactions"]
    assert Rating.objects.count() == SMALL["ratings"]
    assert Rating.objects.filter(score__range=(1, 5)).count() == SMALL["ratings"]
    assert not Rating.objects.values("user", "translation_key").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert Membership.objects.count() >= SMALL["members"]
    assert PostViews.objects.count() == SMALL["posts"]
    assert "Post with 100 reactions: /nl/groepen/gemeentefinancien/belastingpost-met-100-reacties/" in output


def test_every_post_is_published_with_a_revision_in_a_group(group_index):
    generate()

    for post in BlogPage.objects.filter(author__email__endswith=MEMBER_DOMAIN):
        assert post.live and not post.has_unpublished_changes
        assert post.live_revision_id == post.latest_revision_id is not None
        assert post.live_revision.as_object().title == post.title
        assert post.first_published_at == post.date_published
        assert isinstance(post.get_parent().specific, GroupPage)
        assert post.tags.exists()
        assert Follow.objects.filter(user=post.author, translation_key=post.translation_key).exists()
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_featured_post_has_exactly_100_visible_reactions(client, group_index):
    generate()

    post = featured()
    assert reaction_count(post) == plan.FEATURED_REACTIONS == thread_of(post).count()
    assert post.access_level == "public"
    get_html(client, post.url)


def test_reaction_threads_are_what_comments_xtd_would_store(group_index):
    generate()

    for reaction in Reaction.objects.all():
        if reaction.level == 0:
            assert reaction.thread_id == reaction.parent_id == reaction.pk
            assert reaction.order == 1
            assert reaction.nested_count == Reaction.objects.filter(thread_id=reaction.pk, level=1).count()
        else:
            parent = Reaction.objects.get(pk=reaction.parent_id)
            assert reaction.level == 1 and parent.level == 0
            assert reaction.thread_id == parent.pk and reaction.object_pk == parent.object_pk
            assert reaction.submit_date > parent.submit_date
    orders = Reaction.objects.values("thread_id", "order").annotate(n=Count("pk")).filter(n__gt=1)
    assert not orders.exists()


def test_generated_posts_and_reactions_can_be_searched(client, group_index):
    generate()

    soup = get_html(client, "/nl/zoeken/", {"q": "zomerreces"})
    assert [a["href"] for a in soup.select(".search-result__title a")] == [featured().url]
    soup = get_html(client, "/nl/zoeken/", {"q": "inloopavond", "tab": "reactions"})
    assert soup.select(".search-result")


def test_a_generated_member_can_log_in(client, group_index):
    generate()

    response = client.post(
        "/nl/account/login/",
        {"login": plan.BENCH_MEMBER_EMAIL, "password": plan.BENCH_MEMBER_PASSWORD},
    )

    assert response.status_code == 302
    member = User.objects.get(email=plan.BENCH_MEMBER_EMAIL)
    if response.url == reverse("mfa_authenticate"):
        # A group's writer may open the admin, so the tests give them an authenticator app
        # (tests/conftest.py), and the log-in asks for its code.
        response = client.post(response.url, {"code": current_code_for(member)})
        assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)
    assert Membership.objects.get(user=member, group_key=featured().get_parent().translation_key).role == "member"


def test_a_second_run_adds_nothing(group_index):
    generate()
    before = counts()

    output = generate()

    assert counts() == before
    assert "Nothing added" in output


def test_the_same_seed_makes_the_same_data(group_index):
    first = data_of_a_run_on(seed=7)
    assert not BlogPage.objects.filter(slug=plan.FEATURED_SLUG).exists()  # undone

    second = data_of_a_run_on(seed=7)
    other = data_of_a_run_on(seed=8)

    assert first == second
    assert first["posts"] != other["posts"]
    assert first["reactions"] != other["reactions"]


def test_the_plan_depends_on_the_seed_only():
    sizes = plan.Sizes(**SMALL)

    assert plan.make_plan(sizes, 1) == plan.make_plan(sizes, 1)
    assert plan.make_plan(sizes, 1).posts != plan.make_plan(sizes, 2).posts
    # More ratings do not change the posts or the reactions.
    more = plan.make_plan(plan.Sizes(**{**SMALL, "ratings": 80}), 1)
    assert more.posts == plan.make_plan(sizes, 1).posts
    assert more.reactions == plan.make_plan(sizes, 1).reactions


def test_without_a_group_index_it_says_to_load_the_demo_first(home):
    with pytest.raises(CommandError, match="load_demo"):
        generate()
