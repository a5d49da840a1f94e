"""A data set for load tests, on top of whatever site exists (run after ``migrate`` and
``load_demo``): ``manage.py generate_load_data``.

It works in two halves. ``make_plan`` decides everything from the seed alone, without
looking at the database: members, groups, memberships, posts with their texts, every
reaction and every star. ``Builder`` then compares the plan with the database and adds only
what is missing. So the same seed gives the same data on an empty database, and a second
run finds everything in place and adds nothing.

What is recognised as already there, so that a run never doubles anything:

- members by e-mail address (``lid001@laadtest.samen.test``, ...);
- groups by slug under the group index (the themes below, fixed whatever the seed);
- posts by the number at the end of their slug (``...-0042``), and the featured post by
  its own slug (``belastingpost-met-100-reacties``): the post that has exactly 100
  visible reactions, for measuring a long thread;
- a post's reactions, reads and the follows by the post: a post that has any is left alone;
- memberships and ratings by member and item (the database allows one of each).

Speed. Publishing a page through ``publish()`` takes about 150 ms on PostgreSQL (signals,
search index, mails to the group, log entries), far too slow for a thousand posts. Posts
are built with the project's factory and put in the tree with treebeard's ``add_child``
(one save each, with the search index paused), then published in bulk: one revision each,
written with ``bulk_create``, set as the live and latest revision. Reactions, ratings,
memberships and reads are bulk inserts; the search index is filled in bulk at the end.
The 20 groups are few, so they are published the ordinary way, which gives them their
rights and approval workflow (``groups.signals``).
"""

import datetime
import json
import random
import re
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.signal_handlers import post_save_signal_handler

from allauth.account.models import EmailAddress
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment

from accounts.factories import DEFAULT_PASSWORD
from accounts.models import User
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from engagement.models import DailyViews, Follow, PostViews, Rating, Reaction
from groups.access import AccessLevel
from groups.factories import GroupPageFactory
from groups.models import GroupIndexPage, GroupPage, Membership
from groups.rights import sync_member

from .factories import ImageFactory

DEFAULT_SEED = 20260101
MEMBER_EMAIL = "lid{:03d}@laadtest.samen.test"
# The member the benchmark logs in as: a plain member of the featured post's group.
BENCH_MEMBER_EMAIL = MEMBER_EMAIL.format(1)
BENCH_MEMBER_PASSWORD = DEFAULT_PASSWORD
FEATURED_SLUG = "belastingpost-met-100-reacties"
FEATURED_REACTIONS = 100
IMAGE_COUNT = 8
# Posts are dated between these two moments; reactions follow within a month.
FIRST_DATE = datetime.datetime(2023, 1, 2, 8, 0, tzinfo=datetime.UTC)
LAST_DATE = datetime.datetime(2026, 3, 31, 16, 0, tzinfo=datetime.UTC)
RECENT_DAYS = 14
POST_NUMBER = re.compile(r"-(\d{4,})$")


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


# -- Texts ----------------------------------------------------------------------------
# Written for Samen: municipal and community themes, invented places and people.

# (title, description, topics a post can be about, tags)
THEMES = [
    (
        "Gemeentefinanciën",
        "Begroting, lokale lasten en waar het geld van de gemeente naartoe gaat",
        ["de gemeentelijke belastingen", "de begroting", "de onroerendezaakbelasting", "de afvalstoffenheffing"],
        ["begroting", "belastingen", "financiën"],
    ),
    (
        "Afval en grondstoffen",
        "Minder restafval, beter scheiden en spullen een tweede leven geven",
        ["het scheiden van afval", "de milieustraat", "de inzameling van gft", "de kringloopwinkel"],
        ["afval", "hergebruik", "circulair"],
    ),
    (
        "Wijkteams en zorg",
        "Hulp dichtbij: wijkteams, huisartsen en buren die naar elkaar omkijken",
        ["het wijkteam", "de wijkverpleging", "de ondersteuning thuis", "het buurtnetwerk"],
        ["zorg", "wijkteam", "welzijn"],
    ),
    (
        "Jeugd en onderwijs",
        "Scholen, jongerenwerk en kansen voor ieder kind",
        ["het jongerenwerk", "de brede school", "de kinderopvang", "de schoolroute"],
        ["jeugd", "onderwijs", "jongeren"],
    ),
    (
        "Mobiliteit en parkeren",
        "Fietspaden, buurtbussen, parkeervergunningen en veilige straten",
        ["het parkeerbeleid", "de nieuwe fietsroute", "de buurtbus", "de verkeersveiligheid"],
        ["verkeer", "parkeren", "fiets"],
    ),
    (
        "Wonen en bouwen",
        "Betaalbare woningen, nieuwbouw en de vergunning voor je dakkapel",
        ["de woningbouw", "de omgevingsvergunning", "de starterswoningen", "het bestemmingsplan"],
        ["wonen", "bouwen", "vergunning"],
    ),
    (
        "Groen in de wijk",
        "Bomen, geveltuinen en buurtmoestuinen die de straat koeler maken",
        ["de geveltuinen", "het buurtpark", "de buurtmoestuin", "het bomenplan"],
        ["groen", "natuur", "buurt"],
    ),
    (
        "Energie en warmte",
        "Van het gas af, zonnepanelen en energiecoaches aan de keukentafel",
        ["de warmtetransitie", "de zonnepanelen op het buurthuis", "de energiecoach", "het isoleren van oude huizen"],
        ["energie", "duurzaamheid", "warmte"],
    ),
    (
        "Cultuur en bibliotheek",
        "Theater, muziekles en de bibliotheek als huiskamer van de buurt",
        ["de bibliotheek", "het cultuurhuis", "de muziekschool", "het buurtfestival"],
        ["cultuur", "bibliotheek", "lezen"],
    ),
    (
        "Sport en bewegen",
        "Sportverenigingen, beweegroutes en sporten op elke leeftijd",
        ["de sportvereniging", "het sportpark", "de beweegcoach", "het zwembad"],
        ["sport", "bewegen", "gezondheid"],
    ),
    (
        "Veiligheid en buurtpreventie",
        "Buurtapps, straatverlichting en samen een veilige wijk",
        ["de buurtpreventie", "de wijkagent", "de straatverlichting", "de buurtapp"],
        ["veiligheid", "buurt", "preventie"],
    ),
    (
        "Vrijwilligerswerk",
        "Vrijwilligers vinden, houden en bedanken",
        ["het vrijwilligerswerk", "de vrijwilligerscentrale", "het maatjesproject", "het buurthuis"],
        ["vrijwilligers", "buurthuis", "samenwerken"],
    ),
    (
        "Ondernemen in de binnenstad",
        "Winkels, markten en een levendig centrum",
        ["de weekmarkt", "de binnenstad", "het ondernemersfonds", "de leegstand in de winkelstraat"],
        ["ondernemen", "binnenstad", "economie"],
    ),
    (
        "Water en klimaat",
        "Wateroverlast, droogte en een straat die tegen een stootje kan",
        ["de regenwateropvang", "de wateroverlast", "het klimaatplan", "het tegelwippen"],
        ["klimaat", "water", "duurzaamheid"],
    ),
    (
        "Mantelzorg",
        "Zorgen voor een naaste en zelf overeind blijven",
        ["de mantelzorg", "de respijtzorg", "het mantelzorgcompliment", "de dagbesteding"],
        ["mantelzorg", "zorg", "welzijn"],
    ),
    (
        "Digitale dienstverlening",
        "De gemeente online: formulieren, DigiD en hulp voor wie er niet uitkomt",
        ["het digitale loket", "de hulp bij DigiD", "het online formulier", "de digitale inloop"],
        ["digitaal", "dienstverlening", "participatie"],
    ),
    (
        "Werk en inkomen",
        "Werk vinden, schulden voorkomen en rondkomen",
        ["de schuldhulp", "de bijstand", "het werkgeversservicepunt", "de participatiewet"],
        ["werk", "inkomen", "schulden"],
    ),
    (
        "Dorpsraden en kernen",
        "Kleine kernen, dorpsraden en korte lijnen met het gemeentehuis",
        ["de dorpsraad", "het dorpshuis", "de kernenaanpak", "het dorpsbudget"],
        ["dorp", "participatie", "buurt"],
    ),
    (
        "Erfgoed en monumenten",
        "Oude gebouwen, oude verhalen en het erfgoed van de gemeente",
        ["de monumentenzorg", "het gemeentearchief", "de erfgoeddag", "de historische vereniging"],
        ["erfgoed", "geschiedenis", "cultuur"],
    ),
    (
        "Taal en meedoen",
        "Nederlands leren, inburgeren en meedoen in de buurt",
        ["het taalcafé", "de inburgering", "het taalmaatje", "de aanpak van laaggeletterdheid"],
        ["taal", "inburgering", "meedoen"],
    ),
]
# Themes whose groups are closed: joining is on request and their posts are for members.
CLOSED_THEMES = {"Wijkteams en zorg", "Mantelzorg"}
COMMON_TAGS = ["gemeente", "buurt", "participatie", "gemeenteraad", "inwoners", "samenwerken"]

PLACES = [
    "Beekveld",
    "Dijkhoven",
    "Lindewijk",
    "Noordmeer",
    "Oostervaart",
    "Rietbroek",
    "Sluisdam",
    "Weidebroek",
    "Zilverberg",
    "Hazelwoude",
    "Kampereng",
    "Molendaal",
]
FIRST_NAMES = [
    "Anouk", "Bram", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ilse", "Jeroen", "Kees",
    "Lotte", "Mohamed", "Noor", "Olga", "Pieter", "Ruben", "Sara", "Thijs", "Vera", "Wouter",
    "Yara", "Zeynep", "Ahmed", "Bas", "Carmen", "Dewi", "Emre", "Femke", "Hugo", "Iris",
    "Jasper", "Lieke", "Milan", "Nadia", "Priya", "Sem", "Tessa", "Wim", "Joris", "Annelies",
]  # fmt: skip
SURNAMES = [
    "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "de Groot",
    "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
    "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Berg",
    "Yilmaz", "El Idrissi", "Kaya", "Pinas", "Wong", "Hoekstra", "Postma", "Schouten", "Willems",
    "Verhoeven", "Koster", "Prins", "Huisman", "Kuipers",
]  # fmt: skip
BIOS = [
    "Buurtbewoner in {place} en vrijwilliger bij het buurthuis.",
    "Beleidsmedewerker bij de gemeente {place}.",
    "Raadslid in {place}. Schrijft over wat de raad besluit en waarom.",
    "Woont sinds twintig jaar in {place} en zit in de dorpsraad.",
    "Ondernemer in de binnenstad van {place}.",
    "Wijkcoach in {place}, altijd op zoek naar goede voorbeelden.",
    "",
]

TITLES = [
    "{Topic} in {place}: wat we leerden",
    "Vijf lessen over {topic}",
    "Hoe {place} {topic} anders aanpakt",
    "Waarom {topic} ons allemaal aangaat",
    "Een jaar later: {topic} in de praktijk",
    "Wat bewoners vinden van {topic}",
    "{Topic}: van plan naar uitvoering",
    "Drie vragen over {topic} aan de wethouder",
    "Zo betrekt {place} inwoners bij {topic}",
    "Kleine stappen, groot effect: {topic} in {place}",
    "Wat {topic} kost, en wat het oplevert",
    "Het gesprek over {topic} begint in de buurt",
]
TEASERS = [
    "In {place} is {topic} al jaren een punt van gesprek. Wat werkte, wat niet, en wat andere "
    "gemeenten ervan kunnen leren.",
    "Over {topic} wordt veel gezegd, maar wat merken inwoners ervan? Een blik achter de schermen "
    "bij de gemeente {place}.",
    "Een praktijkverhaal over {topic}: hoe bewoners, ambtenaren en raadsleden in {place} samen tot een plan kwamen.",
    "Wie in {place} woont, heeft er vast van gehoord: {topic}. Een overzicht van de keuzes, de "
    "kosten en de eerste resultaten.",
]
HEADINGS = [
    "Hoe het begon",
    "Wat werkte",
    "Wat we anders zouden doen",
    "De rol van de gemeente",
    "Wat bewoners ervan vonden",
    "Hoe nu verder",
    "De cijfers",
    "Tips voor andere gemeenten",
]
SENTENCES = [
    "Toen de gemeente {place} begon met {topic}, wist niemand precies waar het zou eindigen.",
    "De eerste bijeenkomst in het buurthuis trok meer mensen dan verwacht.",
    "Bewoners wilden vooral weten wat er voor hen zou veranderen, en wanneer.",
    "Het helpt om vroeg te beginnen en het gesprek niet alleen op het gemeentehuis te voeren.",
    "Een ambtenaar vertelde dat {topic} pas echt ging leven toen de buurt zelf meedacht.",
    "Niet alles liep volgens plan: de planning schoof twee keer op.",
    "Wat opviel, was hoe snel goede ideeën zich door de wijk verspreidden.",
    "De gemeenteraad besprak de resultaten in een openbare vergadering.",
    "In {place} werken de gemeente, de woningcorporatie en bewonersgroepen nu samen aan {topic}.",
    "Wie meer wil weten, kan terecht bij het wijkspreekuur op dinsdagochtend.",
    "Ook kleine gemeenten kunnen hier veel van leren.",
    "Het belangrijkste advies: houd het eenvoudig en leg uit waarom je iets doet.",
    "De kosten vielen lager uit dan begroot, vooral doordat vrijwilligers veel werk deden.",
    "Jongeren kwamen met voorstellen die in geen enkel beleidsstuk stonden.",
    "Een bewoner zei het zo: je merkt pas wat de gemeente doet als je zelf mag meepraten.",
    "Volgend jaar volgt een evaluatie, samen met de mensen die het dagelijks merken.",
    "Het college wil de aanpak uitbreiden naar andere wijken van de gemeente.",
    "De informatie bleef ook op papier beschikbaar, voor wie niet online is.",
    "Over {topic} bestaan veel misverstanden, dus begonnen we met uitleg.",
    "De wethouder kwam zelf langs om te luisteren, zonder toespraak.",
    "Buurgemeenten kijken nu mee en willen {topic} op dezelfde manier aanpakken.",
    "Het bleek lastig om mensen te bereiken die nooit naar een inloopavond komen.",
]
QUOTES = [
    "Je moet mensen niet vragen wat ze van een plan vinden, maar wat ze zelf zouden doen.",
    "Het gemeentehuis is niet de plek waar de buurt gebeurt.",
    "We hebben meer geleerd van de kritiek dan van de complimenten.",
    "Begin klein, maar begin wel.",
]
QUOTE_BY = ["Wijkcoach", "Bewoner van het eerste uur", "Raadslid", "Projectleider bij de gemeente"]

REACTION_OPENERS = [
    "Goed stuk!",
    "Herkenbaar verhaal.",
    "Dank voor het delen.",
    "Interessant.",
    "Mooi om te lezen.",
    "Ik twijfel nog.",
    "Eens met de schrijver.",
    "Goede vraag eigenlijk.",
    "Hmm, dat zie ik anders.",
]
REACTION_MIDDLES = [
    "Bij ons in {place} ging het met {topic} precies zo.",
    "Hoe hebben jullie de buurt bij {topic} betrokken?",
    "Wat mij opvalt, is dat {topic} vaak pas ter sprake komt als het al te laat is.",
    "Wij hebben **goede ervaringen** met een vaste inloopavond per maand.",
    "Is er ergens meer te lezen over de kosten?",
    "Misschien een idee om dit ook in de gemeenteraad te bespreken.",
    "Ik mis in dit verhaal de stem van jongeren.",
    "Onze dorpsraad heeft hier vorig jaar een brief over geschreven.",
    "In {place} is de gemeente juist gestopt met {topic}, benieuwd hoe dat hier uitpakt.",
    "De uitleg over {topic} op de website van de gemeente is *veel te ingewikkeld*.",
]
REACTION_CLOSERS = [
    "Succes!",
    "Ik ben benieuwd naar het vervolg.",
    "Graag meer van dit soort verhalen.",
    "Wie denkt er mee?",
    "",
]
REPLIES = [
    "Dank je, goede aanvulling!",
    "Dat herken ik.",
    "Bij ons werkte het andersom, maar ik snap je punt.",
    "Goede vraag, ik zoek het op.",
    "Helemaal mee eens.",
    "Ik stuur je een bericht met de details.",
]
LIST_REACTION = (
    "Drie dingen die bij ons hielpen:\n\n1. Vroeg beginnen\n2. Korte lijnen met de wijk\n3. Eerlijk zijn over geld"
)

FEATURED_TITLE = "Waarom de gemeentelijke belastingen volgend jaar stijgen"
FEATURED_TEASER = (
    "De gemeenteraad stemde in met hogere lokale lasten. Wat betekent dat voor huurders, "
    "huiseigenaren en ondernemers, en waar gaat het geld naartoe? Een uitleg zonder jargon."
)


def _p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


FEATURED_BODY = [
    _p(
        "Volgend jaar betalen de meeste huishoudens in onze gemeente meer aan gemeentelijke "
        "belastingen. De onroerendezaakbelasting stijgt met gemiddeld zes procent, de "
        "afvalstoffenheffing met vier procent. De rioolheffing blijft gelijk."
    ),
    {"type": "heading", "value": {"text": "Waarom het duurder wordt", "level": "h2"}},
    _p(
        "De gemeente krijgt minder geld van het Rijk, terwijl de kosten voor jeugdzorg, energie en "
        "het onderhoud van wegen en gebouwen blijven stijgen. Het college heeft eerst bezuinigd op "
        "de eigen organisatie, maar dat was niet genoeg om de begroting sluitend te maken."
    ),
    _p(
        "Een deel van de extra opbrengst gaat naar het onderhoud van fietspaden en speelplaatsen, "
        "dat de afgelopen jaren steeds is uitgesteld."
    ),
    {"type": "heading", "value": {"text": "Wat het voor jou betekent", "level": "h2"}},
    _p(
        "Voor een gemiddelde koopwoning komt de stijging neer op ongeveer vijfenveertig euro per "
        "jaar. Huurders merken de onroerendezaakbelasting niet direct, maar wel de hogere "
        "afvalstoffenheffing."
    ),
    {
        "type": "callout",
        "value": {
            "title": "Kwijtschelding",
            "text": (
                "<p>Wie een laag inkomen heeft, kan kwijtschelding aanvragen. Het wijkteam helpt "
                "bij het invullen van het formulier.</p>"
            ),
        },
    },
    _p(
        "Wat vind jij van de keuzes van de gemeenteraad? Laat een reactie achter: de "
        "fractievoorzitters lezen mee en reageren na het zomerreces."
    ),
]


# -- The plan ---------------------------------------------------------------------------


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
            display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            bio=rng.choice(BIOS).format(place=rng.choice(PLACES)),
        )
        for number in range(1, count + 1)
    ]


def _plan_groups(count):
    """The groups are the themes in order, the same for every seed (so that they can be
    found again by slug); past 20 the themes come round again with a number."""
    groups = []
    for index in range(count):
        title, description, topics, tags = THEMES[index % len(THEMES)]
        closed = title in CLOSED_THEMES
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
        groups.append(GroupPlan(index, slugify(title), title, description, intro, topics, tags, closed))
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
    blocks = []
    for heading in [None, *rng.sample(HEADINGS, 2)]:
        if heading:
            blocks.append({"type": "heading", "value": {"text": heading, "level": "h2"}})
        for _ in range(rng.randint(1, 2)):
            sentences = rng.sample(SENTENCES, rng.randint(2, 4))
            blocks.append(_p(" ".join(s.format(topic=topic, place=place) for s in sentences)))
    if rng.random() < 0.3:
        quote = {"quote": rng.choice(QUOTES), "attribution": rng.choice(QUOTE_BY)}
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
                    title=FEATURED_TITLE,
                    group=0,
                    author=rng.choice(candidates),
                    date=LAST_DATE,
                    teaser=FEATURED_TEASER,
                    body=FEATURED_BODY,
                    tags=["begroting", "belastingen", "financiën", "gemeente"],
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
        title = _capitalised(rng.choice(TITLES).format(topic=topic, Topic=_capitalised(topic), place=place))
        tags = set(rng.sample(group.tags, 2)) | set(rng.sample(COMMON_TAGS, rng.randint(0, 2)))
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
                teaser=rng.choice(TEASERS).format(topic=topic, place=place),
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
        return LIST_REACTION
    parts = [rng.choice(REACTION_OPENERS), rng.choice(REACTION_MIDDLES), rng.choice(REACTION_CLOSERS)]
    return " ".join(part for part in parts if part).format(topic=post.topic, place=rng.choice(PLACES))


def _plan_thread(rng, post, count, readers, all_visible):
    """``count`` reactions under ``post`` in the order they were written; about one in
    three answers an earlier top-level reaction (the site allows one level of replies)."""
    reactions, top_level = [], []
    when = post.date
    for index in range(count):
        when += datetime.timedelta(minutes=rng.randint(5, 400))
        reply_to = rng.choice(top_level) if top_level and rng.random() < 0.3 else None
        text = rng.choice(REPLIES) if reply_to is not None else _reaction_text(rng, post)
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


# -- Building it in the database ----------------------------------------------------------


@contextmanager
def search_index_paused(model):
    """Saving a page indexes it at once (a post_save handler). While pages are built in
    bulk that is wasted work: they are indexed in bulk afterwards (``index_in_bulk``)."""
    was_connected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        if was_connected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(model, pks, chunk_size=500):
    """Put ``model`` objects ``pks`` in the search index, ``chunk_size`` per statement.
    One backend is enough: the backends share one index table (home.search_backend)."""
    backend = get_search_backend()
    pks = sorted(pks)
    for start in range(0, len(pks), chunk_size):
        objects = model.get_indexed_objects().filter(pk__in=pks[start : start + chunk_size])
        if hasattr(model, "locale"):
            objects = objects.select_related("locale")
        backend.add_bulk(model, list(objects))


def insert_own_rows(model, objects):
    """Insert the rows of ``model``'s own table only. ``bulk_create`` refuses models whose
    parents have tables of their own (Reaction extends XtdComment, which extends
    Comment); the parent rows are made first and these rows point at them."""
    fields = model._meta.local_concrete_fields
    model._base_manager.all()._batched_insert(objects, fields, batch_size=500)


def publish_in_bulk(pages):
    """What ``publish()`` leaves behind for a new page, for many pages at once: a revision
    holding the page's content, set as its latest and live revision. ``first_published_at``
    and ``last_published_at`` were given when the pages were built."""
    page_type = ContentType.objects.get_for_model(BlogPage)
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=page_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=page.last_published_at,
                user=page.author,
                object_str=str(page),
                content=page.serializable_data(),
            )
            for page in pages
        ],
        batch_size=200,
    )
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
    BlogPage.objects.bulk_update(
        pages, ["latest_revision", "live_revision", "latest_revision_created_at"], batch_size=200
    )


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
        return posts[1]

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
        self.added["reads"] += len(todo)


def generate(sizes=None, seed=DEFAULT_SEED, log=print):
    """Build the data set; returns ``(featured post, Counter of what was added)``."""
    plan = make_plan(sizes or Sizes(), seed)
    builder = Builder(plan, log=log)
    featured = builder.run()
    return featured, builder.added
