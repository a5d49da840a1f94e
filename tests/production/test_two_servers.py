"""Several application servers behind one load balancer share PostgreSQL and Redis: what
a member does on one server is what every visitor sees on the other.

Two real gunicorn processes run the production settings (``make serve-prod``'s way) on a
fresh database with the demo content; the tests talk to them over HTTP, as browsers do.
They need PostgreSQL (``DATABASE_URL=postgres://…``) and Redis on 127.0.0.1:6379. Without
them the tests are skipped on a laptop; in CI (``CI`` set) a missing service fails them.
A run on SQLite (``make test``, also in CI) skips them: ``make test-postgres`` runs them."""

import os
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from bs4 import BeautifulSoup

from tests.production.servers import (
    FIREFOX,
    Deployment,
    browser,
    csrf_token,
    drop_database,
    flush_redis,
    form_fields,
    log_in,
    missing_service,
    recreate_database,
)

ADMIN = ("beheer@samen.test", "samen-beheer")  # load_demo's editor, see the README
SANNE = ("sanne@samen.test", "samen-lezer")
BRAM = ("bram@samen.test", "samen-lezer")

REACTED_POST = "/nl/groepen/menskracht/je-talent-zichtbaar-maken-zonder-op-te-scheppen/"
RATED_POST = "/nl/groepen/digitaal-samenwerken/online-vergaderen-zonder-vergadermoeheid/"
PUBLISHED_POST = "/nl/groepen/duurzame-gemeente/groene-schoolpleinen-ervaringen-uit-vier-gemeenten/"
READ_POST = "/nl/groepen/duurzame-gemeente/wat-een-buurt-leert-van-een-warmtescan/"
NEW_TITLE = "Groene schoolpleinen, een jaar later"

# An editor's draft of the post that test 3 publishes: a new title, not yet live.
DRAFT = f"""
import json
from accounts.models import User
from blog.models import BlogPage
page = BlogPage.objects.get(slug="{PUBLISHED_POST.rstrip("/").rsplit("/", 1)[-1]}", locale__language_code="nl")
page.title = {NEW_TITLE!r}
page.save_revision(user=User.objects.get(email={ADMIN[0]!r}))
print(json.dumps(page.pk))
"""

# The demo's editor sets up an authenticator app; the secret it shows, for the codes.
AUTHENTICATOR_APP = f"""
import json
from accounts.factories import give_authenticator_app
from accounts.models import User
print(json.dumps(give_authenticator_app(User.objects.get(email={ADMIN[0]!r}))))
"""


def _services_or_skip():
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        # The SQLite run of the suite (make test, in CI as well): make test-postgres runs these.
        pytest.skip("two servers share a PostgreSQL database: set DATABASE_URL=postgres://…")
    problem = missing_service(database_url)
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI must provide PostgreSQL and Redis for the two-server tests: {problem}")
        pytest.skip(problem)
    return database_url


@pytest.fixture(scope="module")
def deployment():
    """A fresh database ``samen_two_servers`` with the demo content, and two gunicorn
    servers (A and B) on it, both using Redis database 3 for the cache and the sessions."""
    postgres_url = _services_or_skip()
    site = Deployment.prepare(postgres_url)
    flush_redis()
    recreate_database(postgres_url)
    try:
        # collectstatic needs no database: it runs while the migrations do. The servers
        # boot while the demo content loads (whitenoise reads the static files at start).
        static = site.manage_in_background("collectstatic", "--no-input", "--verbosity", "0", "--skip-checks")
        site.manage("migrate", "--no-input", "--verbosity", "0", "--skip-checks")
        site.finish(static, "collectstatic")
        site.start_servers()
        site.manage("load_demo", "--domain", f"127.0.0.1:{site.ports[0]}", "--skip-checks")
        site.published_post_id = site.shell(DRAFT)
        site.wait_until_healthy()
        yield site
    finally:
        site.stop_servers()
        drop_database(postgres_url)
        flush_redis()
        site.remove_files()


@pytest.fixture(scope="module")
def servers(deployment):
    return deployment.servers


def page_id(deployment, path):
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    rows = deployment.query(
        "SELECT p.id FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE p.slug = %s AND l.language_code = 'nl'",
        [slug],
    )
    assert len(rows) == 1, rows
    return rows[0][0]


def read_count(deployment, path):
    rows = deployment.query(
        "SELECT v.views FROM engagement_postviews v JOIN wagtailcore_page p ON p.translation_key = v.translation_key"
        " WHERE p.id = %s",
        [page_id(deployment, path)],
    )
    return rows[0][0] if rows else 0


def rating_result(html):
    result = BeautifulSoup(html, "html.parser").select_one("#beoordeling .rating__result")
    assert result is not None, "no rating widget on the page"
    return " ".join(result.get_text(" ", strip=True).split())


def get(session, server, path, **options):
    response = session.get(f"{server.url}{path}", timeout=30, **options)
    assert response.status_code == 200, f"{path} on {server.name}: {response.status_code}"
    return response


def test_a_reaction_placed_on_one_server_shows_on_the_other(servers):
    a, b = servers
    get(browser(), b, REACTED_POST)  # a visitor on B first: the page as it was, stored if B keeps copies
    member = browser()
    log_in(member, a, *SANNE)
    page = get(member, a, REACTED_POST)
    action, fields = form_fields(page.text, "form[action$='/reacties/plaatsen/']")
    text = f"Via server A geplaatst, op server B gelezen ({uuid.uuid4().hex[:8]})."
    placed = member.post(f"{a.url}{action}", data={**fields, "comment": text}, timeout=30)
    assert placed.status_code == 200, placed.status_code
    assert text in placed.text

    assert text in get(browser(), b, REACTED_POST).text  # a visitor on B
    assert text in get(member, b, REACTED_POST).text  # the member herself, now on B


def test_a_rating_given_on_one_server_counts_in_the_average_on_the_other(servers):
    a, b = servers
    # The demo's votes on this post: 4 and 5 stars.
    assert "4.5/5 Sterren (2)" in rating_result(get(browser(), b, RATED_POST).text)

    member = browser()
    log_in(member, a, *SANNE)
    page = get(member, a, RATED_POST)
    action, fields = form_fields(page.text, "form[data-rating-form]")
    rated = member.post(f"{a.url}{action}", data={**fields, "score": "1", "action": "rate"}, timeout=30)
    assert rated.status_code == 200, rated.status_code

    # (4 + 5 + 1) / 3 = 3.3
    assert "3.3/5 Sterren (3)" in rating_result(get(browser(), b, RATED_POST).text)
    on_b = get(member, b, RATED_POST).text
    assert "3.3/5 Sterren (3)" in rating_result(on_b)
    assert "Je gaf 1 ster." in on_b


def test_a_publish_on_one_server_purges_the_cached_page_on_the_other(deployment, servers):
    a, b = servers
    visitor = browser()
    first = get(visitor, b, PUBLISHED_POST)
    second = get(browser(), b, PUBLISHED_POST)
    assert NEW_TITLE not in first.text  # only a draft so far
    assert second.headers.get("X-Cache") == "HIT", "B did not serve the second request from the shared cache"

    # An editor publishes the draft through server A: Wagtail's bulk publish action, a
    # confirmation page with a plain form.
    editor = browser()
    # The admin asks its editors for a second factor: this one set up an authenticator app.
    secret = deployment.shell(AUTHENTICATOR_APP)
    log_in(editor, a, *ADMIN, authenticator_secret=secret)
    publish = f"/admin/bulk/wagtailcore/page/publish/?id={deployment.published_post_id}"
    confirmation = get(editor, a, publish)
    token = csrf_token(confirmation.text, "form[method='POST'], form[method='post']")
    done = editor.post(f"{a.url}{publish}", data={"csrfmiddlewaretoken": token}, timeout=30, allow_redirects=False)
    assert done.status_code == 302, done.status_code
    live_title = deployment.query("SELECT title FROM wagtailcore_page WHERE id = %s", [deployment.published_post_id])
    assert live_title == [(NEW_TITLE,)]

    fresh = get(browser(), b, PUBLISHED_POST)
    assert NEW_TITLE in fresh.text
    assert fresh.headers.get("X-Cache") != "HIT", "B served the page from before the publish"


def test_simultaneous_reads_on_both_servers_all_count(deployment, servers):
    a, b = servers
    post_id = page_id(deployment, READ_POST)
    before = read_count(deployment, READ_POST)

    def read(server):
        # A new reader each time, without cookies; the beacon as samen.js sends it
        # (navigator.sendBeacon: a POST without a body).
        response = requests.post(
            f"{server.url}/statistieken/gelezen/{post_id}/", headers={"User-Agent": FIREFOX}, timeout=60
        )
        return response.status_code, response.cookies.get("sessionid"), response.cookies.get("samen_gelezen")

    with ThreadPoolExecutor(max_workers=32) as pool:
        answers = list(pool.map(read, [a, b] * 100))

    assert [status for status, _, _ in answers] == [204] * 200
    # 200 readers, none of whom was given a session: each has the read in a cookie of their own.
    assert {session for _, session, _ in answers} == {None}
    assert all(counted for _, _, counted in answers)
    assert read_count(deployment, READ_POST) == before + 200


def test_a_session_started_on_one_server_holds_on_the_other(servers):
    a, b = servers
    member = browser()
    log_in(member, a, *BRAM)
    left_behind = member.cookies.copy()  # the cookies as they were before logging out

    profile = get(member, b, "/nl/leden/profiel/bewerken/", allow_redirects=False)
    assert "Bram Kuipers" in profile.text
    assert "/account/logout/" in profile.text

    token = csrf_token(profile.text, "form[action*='/account/logout/']")
    out = member.post(
        f"{b.url}/nl/account/logout/", data={"csrfmiddlewaretoken": token}, timeout=30, allow_redirects=False
    )
    assert out.status_code == 302, out.status_code

    for cookies in (member.cookies, left_behind):
        visitor = browser()
        visitor.cookies.update(cookies)
        again = visitor.get(f"{a.url}/nl/leden/profiel/bewerken/", timeout=30, allow_redirects=False)
        assert again.status_code == 302, again.status_code
        assert "/account/login/" in again.headers["Location"]
