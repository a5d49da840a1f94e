"""The plan of the load-test data set (``manage.py generate_load_data``, then ``make bench``):
everything it holds, decided by the sizes and the seed alone, without looking at the
database: members, groups, memberships, posts with their texts, every reaction and every
star. ``bench.build`` then compares the plan with the database and adds only what is
missing, so the same seed gives the same data on an empty database.

The texts are in ``words.json``, written for Samen: municipal and community themes, invented
places and people. ``{topic}`` and ``{place}`` in them are filled in per post; a theme that is
``closed`` makes a group that members join on request, with posts for its members.
"""

import datetime
import json
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.utils.text import slugify

from access.models import Membership
from access.policy import AccessLevel
from accounts.factories import DEFAULT_PASSWORD

WORDS = json.loads(Path(__file__).with_name("words.json").read_text(encoding="utf-8"))
THEMES, PLACES = WORDS["themes"], WORDS["places"]

DEFAULT_SEED = 20260101
MEMBER_EMAIL = "lid{:03d}@laadtest.samen.test"
# The member the benchmark logs in as: a plain member of the featured post's group.
BENCH_MEMBER_EMAIL = MEMBER_EMAIL.format(1)
BENCH_MEMBER_PASSWORD = DEFAULT_PASSWORD
FEATURED_SLUG = "belastingpost-met-100-reacties"
# The Wagtail floor page (bench.models), under the home page in the site's language.
WAGTAIL_FLOOR_SLUG = "wagtail-vloer"
FEATURED_REACTIONS = 100
IMAGE_COUNT = 8
# Posts are dated between these two moments; reactions follow within a month.
FIRST_DATE = datetime.datetime(2023, 1, 2, 8, 0, tzinfo=datetime.UTC)
LAST_DATE = datetime.datetime(2026, 3, 31, 16, 0, tzinfo=datetime.UTC)
RECENT_DAYS = 14


class LoadDataError(Exception):
    """The site is not ready for load data (no group index, sizes that cannot work)."""


@dataclass(frozen=True)
class Sizes:
    groups: int = 20
    posts: int = 1000
    reactions: int = 20_000
    ratings: int = 5_000
    members: int = 200

    def check(self):
        if self.members < 1 or self.groups < 1 or self.posts < 2:
            raise LoadDataError("Load data needs at least 1 member, 1 group and 2 posts.")
        if min(self.reactions, self.ratings) < 0:
            raise LoadDataError("Numbers of reactions and ratings cannot be negative.")


@dataclass(frozen=True)
class MemberPlan:
    number: int
    email: str
    display_name: str
    bio: str


@dataclass(frozen=True)
class GroupPlan:
    index: int
    slug: str
    title: str
    description: str
    intro: str
    topics: list
    tags: list
    closed: bool


@dataclass(frozen=True)
class PostPlan:
    number: int
    slug: str
    title: str
    group: int  # index into Plan.groups
    author: int  # index into Plan.members
    date: datetime.datetime
    teaser: str
    body: list
    tags: list
    access: str
    hero: int | None  # index into the image pool
    views_before: int  # reads from before the last RECENT_DAYS days
    recent_views: list  # reads on each of the last RECENT_DAYS days, today first
    topic: str
    place: str


@dataclass(frozen=True)
class ReactionPlan:
    author: int  # index into Plan.members
    text: str
    date: datetime.datetime
    reply_to: int | None  # index of the top-level reaction it answers, in the same post
    public: bool
    removed: bool


@dataclass(frozen=True)
class RatingPlan:
    member: int
    kind: str  # "post" (number) or "group" (index)
    item: int
    score: int


@dataclass
class Plan:
    members: list
    groups: list
    memberships: dict  # (member, group) -> role
    posts: list
    reactions: dict  # post number -> [ReactionPlan]
    ratings: list

    def writers(self, group):
        """Members who belong to ``group`` (a pending request does not count)."""
        return [m for (m, g), role in self.memberships.items() if g == group and role != Membership.Role.PENDING]


def _rng(seed, part):
    # One generator per part, so that asking for more ratings does not change the posts.
    # Seeding with a string is stable across runs and Python processes.
    return random.Random(f"{seed}:{part}")  # noqa: S311 - demo data, not secrets


def _capitalised(text):
    return text[:1].upper() + text[1:]


def make_plan(sizes, seed):
    """Everything the data set holds, decided by ``sizes`` and ``seed`` alone."""
    sizes.check()
    members = _plan_members(_rng(seed, "members"), sizes.members)
    groups = _plan_groups(sizes.groups)
    plan = Plan(members=members, groups=groups, memberships={}, posts=[], reactions={}, ratings=[])
    plan.memberships = _plan_memberships(_rng(seed, "memberships"), sizes.members, groups)
    plan.posts = _plan_posts(_rng(seed, "posts"), sizes.posts, plan)
    plan.reactions = _plan_reactions(_rng(seed, "reactions"), sizes.reactions, plan)
    plan.ratings = _plan_ratings(_rng(seed, "ratings"), sizes.ratings, plan)
    return plan


def _plan_members(rng, count):
    return [
        MemberPlan(
            number=number,
            email=MEMBER_EMAIL.format(number),
            display_name=f"{rng.choice(WORDS['first_names'])} {rng.choice(WORDS['surnames'])}",
            bio=rng.choice(WORDS["bios"]).format(place=rng.choice(PLACES)),
        )
        for number in range(1, count + 1)
    ]


def _plan_groups(count):
    """The groups are the themes in order, the same for every seed (so that they can be
    found again by slug); past 20 the themes come round again with a number."""
    groups = []
    for index in range(count):
        theme = THEMES[index % len(THEMES)]
        title, topics, closed = theme["title"], theme["topics"], theme["closed"]
        if index >= len(THEMES):
            title = f"{title} {index // len(THEMES) + 1}"
        if closed:
            intro = (
                f"<p>Een besloten groep over {topics[0]} en {topics[1]}. Wat hier gedeeld wordt, "
                "blijft onder de leden; lid worden gaat op verzoek.</p>"
            )
        else:
            intro = (
                f"<p>In {title} delen inwoners, ambtenaren en raadsleden wat ze weten over "
                f"{topics[0]}, {topics[1]} en {topics[2]}. Iedereen die wil meedenken is welkom.</p>"
            )
        groups.append(
            GroupPlan(index, slugify(title), title, theme["description"], intro, topics, theme["tags"], closed)
        )
    return groups


def _plan_memberships(rng, member_count, groups):
    """Every member is in one to four groups. In each group the first member is its owner
    and the next two are admins; in a closed group one request in ten is still pending.
    The benchmark's member (the first) is a plain member of the first group and of every
    other group they join: they manage none."""
    joined = defaultdict(list)
    for member in range(member_count):
        chosen = set(rng.sample(range(len(groups)), min(len(groups), rng.randint(1, 4))))
        if member == 0:
            chosen.add(0)
        for group in sorted(chosen):
            joined[group].append(member)
    memberships = {}
    for group in groups:
        people = joined[group.index] or [group.index % member_count]
        rng.shuffle(people)
        if 0 in people and len(people) > 1:
            people.remove(0)
            people.append(0)
        for position, member in enumerate(people):
            if position == 0:
                role = Membership.Role.OWNER
            elif position <= 2 and member != 0:
                role = Membership.Role.ADMIN
            elif group.closed and member != 0 and rng.random() < 0.1:
                role = Membership.Role.PENDING
            else:
                role = Membership.Role.MEMBER
            memberships[(member, group.index)] = role.value
    return memberships


def _recent_views(rng, popularity):
    return [int(popularity * rng.uniform(0.02, 0.08)) for _ in range(RECENT_DAYS)]


def _plan_body(rng, topic, place):
    words = WORDS["posts"]
    blocks = []
    for heading in [None, *rng.sample(words["headings"], 2)]:
        if heading:
            blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        for _ in range(rng.randint(1, 2)):
            sentences = rng.sample(words["sentences"], rng.randint(2, 4))
            text = " ".join(s.format(topic=topic, place=place) for s in sentences)
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
    if rng.random() < 0.3:
        quote = {"quote": rng.choice(words["quotes"]), "attribution": rng.choice(words["quoted"])}
        blocks.insert(2, {"type": "quote", "value": quote})
    return blocks


def _plan_posts(rng, count, plan):
    groups = plan.groups
    # The benchmark's member (the first) reads, votes and reacts, but writes no posts:
    # the typical logged-in reader.
    writers = {}
    for group in groups:
        writers[group.index] = [m for m in plan.writers(group.index) if m != 0] or plan.writers(group.index)
    span = int((LAST_DATE - FIRST_DATE).total_seconds())
    # Some groups are busier than others.
    weights = [1 / (group.index + 1) ** 0.5 for group in groups]
    access_levels = [AccessLevel.PUBLIC, AccessLevel.LOGGED_IN, AccessLevel.MEMBERS, AccessLevel.OWNER]
    words, featured = WORDS["posts"], WORDS["featured_post"]
    posts = []
    for number in range(1, count + 1):
        popularity = rng.paretovariate(1.3) * 300
        if number == 1:
            # The featured post: newest of all, public, by someone other than the benchmark's member.
            group = groups[0]
            candidates = writers[0]
            posts.append(
                PostPlan(
                    number=1,
                    slug=FEATURED_SLUG,
                    title=featured["title"],
                    group=0,
                    author=rng.choice(candidates),
                    date=LAST_DATE,
                    teaser=featured["teaser"],
                    body=featured["body"],
                    tags=featured["tags"],
                    access=AccessLevel.PUBLIC.value,
                    hero=0,
                    views_before=4321,
                    recent_views=_recent_views(rng, 2000),
                    topic=group.topics[0],
                    place=PLACES[0],
                )
            )
            continue
        group = rng.choices(groups, weights)[0]
        topic, place = rng.choice(group.topics), rng.choice(PLACES)
        title = _capitalised(rng.choice(words["titles"]).format(topic=topic, Topic=_capitalised(topic), place=place))
        tags = set(rng.sample(group.tags, 2)) | set(rng.sample(words["common_tags"], rng.randint(0, 2)))
        # In a closed group every post is for the members anyway.
        access = AccessLevel.PUBLIC if group.closed else rng.choices(access_levels, [84, 10, 5, 1])[0]
        posts.append(
            PostPlan(
                number=number,
                slug=f"{slugify(title)[:70].strip('-')}-{number:04d}",
                title=title,
                group=group.index,
                author=rng.choice(writers[group.index]),
                date=FIRST_DATE + datetime.timedelta(seconds=rng.randrange(span)),
                teaser=rng.choice(words["teasers"]).format(topic=topic, place=place),
                body=_plan_body(rng, topic, place),
                tags=sorted(tags),
                access=access.value,
                hero=rng.randrange(IMAGE_COUNT) if rng.random() < 0.7 else None,
                views_before=int(popularity),
                recent_views=_recent_views(rng, popularity),
                topic=topic,
                place=place,
            )
        )
    return posts


def _readers(plan, post):
    """Members who may see ``post`` (and so react to it and rate it)."""
    group = plan.groups[post.group]
    if post.access == AccessLevel.OWNER:
        return []
    if group.closed or post.access == AccessLevel.MEMBERS:
        return plan.writers(group.index)
    return list(range(len(plan.members)))


def _reaction_text(rng, post):
    if rng.random() < 0.05:
        return WORDS["reactions"]["list"]
    words = WORDS["reactions"]
    parts = [rng.choice(words["openers"]), rng.choice(words["middles"]), rng.choice(words["closers"])]
    return " ".join(part for part in parts if part).format(topic=post.topic, place=rng.choice(PLACES))


def _plan_thread(rng, post, count, readers, all_visible):
    """``count`` reactions under ``post`` in the order they were written; about one in
    three answers an earlier top-level reaction (the site allows one level of replies)."""
    reactions, top_level = [], []
    when = post.date
    for index in range(count):
        when += datetime.timedelta(minutes=rng.randint(5, 400))
        reply_to = rng.choice(top_level) if top_level and rng.random() < 0.3 else None
        text = rng.choice(WORDS["reactions"]["replies"]) if reply_to is not None else _reaction_text(rng, post)
        hidden = not all_visible and rng.random() < 0.02
        removed = not all_visible and not hidden and rng.random() < 0.02
        reactions.append(ReactionPlan(rng.choice(readers), text, when, reply_to, not hidden, removed))
        if reply_to is None:
            top_level.append(index)
    return reactions


def _plan_reactions(rng, total, plan):
    """The featured post gets exactly FEATURED_REACTIONS visible reactions (fewer only if
    fewer are asked for); the rest spread unevenly over the posts members may read."""
    featured = plan.posts[0]
    counts = Counter({featured.number: min(FEATURED_REACTIONS, total)})
    others = [post for post in plan.posts[1:] if _readers(plan, post)]
    if others:
        weights = [rng.paretovariate(1.1) for _ in others]
        counts.update(post.number for post in rng.choices(others, weights, k=total - counts[featured.number]))
    reactions = {}
    for post in plan.posts:
        if counts[post.number]:
            all_visible = post.number == featured.number
            reactions[post.number] = _plan_thread(rng, post, counts[post.number], _readers(plan, post), all_visible)
    return reactions


def _plan_ratings(rng, total, plan):
    """One vote per member per item, a tenth of them on groups. Nobody rates their own
    post; members rate what they may see. Gives up (with fewer votes) only when the
    members cannot cast that many."""
    scores, score_weights = [1, 2, 3, 4, 5], [4, 8, 20, 38, 30]
    votes = {}
    posts = [post for post in plan.posts if _readers(plan, post)]
    post_weights = [rng.paretovariate(1.2) for _ in posts]
    everyone = list(range(len(plan.members)))
    for kind, wanted in (("group", total // 10), ("post", total - total // 10)):
        cast, attempts = 0, 0
        while cast < wanted and attempts < wanted * 50:
            attempts += 1
            if kind == "group":
                group = rng.choice(plan.groups)
                item, voter = group.index, rng.choice(plan.writers(group.index) if group.closed else everyone)
            else:
                post = rng.choices(posts, post_weights)[0]
                item, voter = post.number, rng.choice(_readers(plan, post))
                if voter == post.author:
                    continue
            if (voter, kind, item) in votes:
                continue
            votes[(voter, kind, item)] = rng.choices(scores, score_weights)[0]
            cast += 1
    return [RatingPlan(member, kind, item, score) for (member, kind, item), score in votes.items()]
