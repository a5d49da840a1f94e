"""Admin canary crawl. Posts nobody below may read (owner-only and members-only posts of an
open group, a public post of a closed group) carry a token in their title, slug, teaser,
body and a reaction, in Dutch and in English; each has an English translation made through
wagtail-localize, revisions, and one is waiting in its group's approval workflow.

Then every URL pattern the admin and wagtail-localize register (read off the resolver, so a
new admin view is crawled without anyone listing it) is requested with the canaries' ids
filled in, with GET and with a POST and a PUT, as each kind of account that reaches the
admin or might try: nobody logged in, a plain member, a member of another open group, a
translator, an author who writes in another group, and someone whose request to join the
closed group is pending. No answer may hold a token, and no request may change anything."""

from django.contrib.auth.models import Group
from django.db.models import Max
from django.test import Client

from wagtail.models import Page, Revision, TaskState, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

import pytest

from access.models import Membership
from blog.factories import BlogPageFactory
from engagement.models import Reaction
from engagement.reactions import store_reaction
from groups.rights import set_up_group
from tests.engagement.helpers import verified_member
from tests.groups.helpers import add_member
from tests.helpers import stream
from tests.i18n.helpers import translate
from tests.url_map import reachable

pytestmark = pytest.mark.django_db

# (group, level, token): every one of them is off limits to every role below.
CANARIES = [
    ("open", "owner", "ADMINCANARYOWNER3a9"),
    ("open", "members", "ADMINCANARYMEMBERS8d1"),
    ("closed", "public", "ADMINCANARYCLOSED6f4"),
]
TOKENS = [token for _group, _level, token in CANARIES]
SEARCH_WORD = "zangvogel"  # in every canary, asked for as ?q= everywhere
ROLES = ["anonymous", "plain_member", "open_group_member", "translator", "other_group_author", "pending"]

# Addresses the crawl does not request, and why.
SKIPPED = {
    # The admin's log-out would end the crawling session half-way.
    "admin/logout/",
    # Wagtail's icon sprite and the JavaScript catalogue: static, the same for everyone.
    "admin/sprite/",
    "admin/jsi18n/",
    # Wagtail's page for trying out its error page: it fails on purpose.
    "admin/failwhale/",
}
# Errors the crawl's made-up form data provokes in Wagtail itself, not in Samen: none of
# them shows or changes anything (the crawl checks that too).
TOLERATED_ERRORS = {
    # Wagtail 8.0.1's external link chooser fails on a POST without a "url" field
    # (its validator reads None) instead of answering with a form error.
    "POST /admin/choose-external-link/ 500",
}


@pytest.fixture
def canaries(group, closed_group, other_group, django_capture_on_commit_callbacks):
    for page in (group, closed_group, other_group):
        set_up_group(page)
    author = verified_member(display_name="Anouk Auteur", email="anouk.admincanary@samen.test")
    for page in (group, closed_group):
        Membership.objects.create(user=author, group_key=page.translation_key, role=Membership.Role.OWNER)
    groups = {"open": group, "closed": closed_group}
    dutch, english = [], []
    for group_kind, level, token in CANARIES:
        post = BlogPageFactory(
            parent=groups[group_kind],
            author=author,
            owner=author,
            title=f"Bericht {token}",
            slug=f"bericht-{token.lower()}",
            teaser=f"Inleiding {SEARCH_WORD} {token}.",
            body=stream(("paragraph", f"<p>Tekst over de {SEARCH_WORD} {token}.</p>")),
            tags=[token.lower()],
            access_level=level,
        )
        post.save_revision(user=author).publish()
        store_reaction(post, author, f"Reactie {SEARCH_WORD} {token}")
        english.append(translate(post, {}, django_capture_on_commit_callbacks))
        # A draft after publication, so that revisions can be compared.
        post.title = f"Bericht {token} bijgewerkt"
        post.save_revision(user=author)
        dutch.append(post)
    # The last one waits for its group's approval.
    dutch[-1].get_workflow().start(dutch[-1], author)
    return dutch, english


@pytest.fixture
def roles(group, closed_group, other_group):
    """A logged-in client for each role (None for nobody)."""
    users = {
        "plain_member": verified_member(display_name="Piet Lid", email="piet.lid@samen.test"),
        "open_group_member": add_member(
            other_group, Membership.Role.MEMBER, display_name="Olga Open", email="olga.open@samen.test"
        ),
        "translator": verified_member(display_name="Vera Vertaler", email="vera.vertaler@samen.test"),
        "other_group_author": add_member(
            other_group, Membership.Role.OWNER, display_name="Gert Groep", email="gert.groep@samen.test"
        ),
        "pending": verified_member(display_name="Wim Wachtend", email="wim.wachtend@samen.test"),
    }
    users["translator"].groups.add(Group.objects.get(name="Vertalers"))
    BlogPageFactory(parent=other_group, author=users["other_group_author"], owner=users["other_group_author"])
    Membership.objects.create(user=users["pending"], group_key=closed_group.translation_key, role="pending")
    return users


def crawl_values(dutch, english):
    """The ids the crawl fills into the admin's routes, by argument name."""
    pages = [post.pk for post in dutch] + [post.pk for post in english]
    translations = list(Translation.objects.filter(target_locale__language_code="en").values_list("pk", flat=True))
    sources = list(TranslationSource.objects.values_list("pk", flat=True))
    segments = list(StringSegment.objects.filter(source_id__in=sources).values_list("pk", flat=True)[:2])
    revisions = list(
        Revision.page_revisions.filter(object_id__in=[str(pk) for pk in pages]).values_list("pk", flat=True)
    )
    latest = Revision.page_revisions.filter(object_id=str(dutch[0].pk)).aggregate(Max("pk"))["pk__max"]
    reactions = list(Reaction.objects.values_list("pk", flat=True))
    workflow_states = list(WorkflowState.objects.values_list("pk", flat=True))
    task_states = list(TaskState.objects.values_list("pk", flat=True))
    tasks = list(TaskState.objects.values_list("task_id", flat=True))
    return {
        "page_id": pages,
        # A plain "pk" names a page only in some namespaces (users, snippets and reactions use
        # it too): one page of each language and a reaction are enough there.
        "pk": [dutch[0].pk, english[-1].pk, reactions[0]],
        "parent_page_id": pages[:1],
        "page_to_move_id": pages,
        "destination_id": pages[:1],
        "page_pk": pages,
        "object_id": pages,
        "translation_id": translations,
        "translation_source_id": sources,
        "string_segment_id": segments,
        "overridable_segment_id": segments[:1],
        "revision_id": revisions[:2],
        "revision_id_a": ["earliest"],
        "revision_id_b": [latest, "live"],
        "workflow_state_id": workflow_states,
        "task_state_id": task_states,
        "task_id": tasks,
        "action_name": ["approve", "reject", "copy", "move", "convert_alias", "revert_to_page_revision"],
        "mode": ["default"],
        "app_label": ["wagtailcore", "blog", "engagement"],
        "model_name": ["page", "blogpage", "reaction"],
        "content_type_app_name": ["blog"],
        "content_type_model_name": ["blogpage"],
        "action": ["delete", "move", "publish", "unpublish"],
    }


def snapshot():
    """What a write anywhere in the admin would change."""
    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "slug", "live", "locked", "path")),
        "revisions": Revision.objects.count(),
        "string_translations": list(StringTranslation.objects.order_by("pk").values_list("pk", "data")),
        "translations": Translation.objects.count(),
        "reactions": list(Reaction.objects.order_by("pk").values_list("pk", "comment", "is_public", "is_removed")),
        "workflow_states": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        "task_states": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
    }


def admin_paths(values):
    return sorted(
        path
        for path, (route, _view) in reachable(values).items()
        if path.startswith("/admin/") and route.label not in SKIPPED
    )


def tokens_in(response):
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    text = body.decode(errors="replace") + " ".join(f"{name}: {value}" for name, value in response.items())
    return [token for token in TOKENS if token in text or token.lower() in text]


def test_the_crawl_covers_the_admin_and_wagtail_localize(canaries):
    dutch, english = canaries
    paths = admin_paths(crawl_values(dutch, english))
    assert len(paths) > 400
    for must in (
        "/admin/reports/aging-pages/",
        "/admin/reports/page-types-usage/",
        "/admin/localize/reports/translations/results/",
        f"/admin/pages/{dutch[0].pk}/usage/",
        f"/admin/pages/{dutch[0].pk}/edit/",
    ):
        assert must in paths
    assert any(path.startswith("/admin/localize/translate/") and path.endswith("/pofile/download/") for path in paths)
    assert any("/strings/" in path and path.endswith("/edit/") for path in paths)


def test_editors_see_the_canaries_so_the_crawl_can_see_a_leak(canaries, client):
    """Without this the crawl might pass because the tokens are nowhere."""
    dutch, _english = canaries
    editor = verified_member(email="eva.admincanary@samen.test")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert tokens_in(client.get(f"/admin/pages/{dutch[0].pk}/edit/")) == [TOKENS[0]]
    assert TOKENS[0] in tokens_in(client.get("/admin/localize/reports/translations/results/"))


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_address_shows_or_changes_a_canary(canaries, roles, role):
    dutch, english = canaries
    paths = admin_paths(crawl_values(dutch, english))
    browser = Client(raise_request_exception=False)
    if role != "anonymous":
        browser.force_login(roles[role])
    before = snapshot()
    leaks, errors = [], []
    query = {"q": SEARCH_WORD, "id": [post.pk for post in dutch + english]}
    for path in paths:
        for method, answer in (
            ("GET", browser.get(path, query)),
            ("POST", browser.post(path, {"title": "gewijzigd", "value": "gewijzigd", **query})),
            ("PUT", browser.put(path, "value=gewijzigd", content_type="application/x-www-form-urlencoded")),
        ):
            error = f"{method} {path} {answer.status_code}"
            if answer.status_code >= 500 and error not in TOLERATED_ERRORS:
                errors.append(error)
            found = tokens_in(answer)
            if found:
                leaks.append(f"{method} {path} {answer.status_code}: {', '.join(found)}")
    assert leaks == [], f"{role}:\n" + "\n".join(leaks)
    assert snapshot() == before
    assert errors == [], "\n".join(errors)
