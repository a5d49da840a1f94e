"""A member deletes their account on a 390 px phone with touch, in a Dutch browser: from
their own profile's settings, through allauth's password check, to the goodbye page. Then
an anonymous reader finds their reaction under "former member" with another member's reply
still below it, and their post still in its group without an author. The same form chosen
with the keyboard alone, and a wrong password that deletes nothing."""

import re

from django.urls import reverse
from django.utils import translation

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from access.models import Membership
from accounts.factories import DEFAULT_PASSWORD
from accounts.models import User
from blog.factories import BlogPageFactory
from blog.models import BlogPage
from engagement.models import Reaction
from member_data.deletion import PostChoice, ReactionChoice
from tests.browser.logging_in import second_step_if_asked
from tests.engagement.helpers import make_reaction, minutes_ago, verified_member
from tests.helpers import nl
from tests.member_data.deletion_helpers import DELETE_URL, LEAVER_EMAIL, LEAVER_NAME

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
QUESTION = "Wie kookt er mee op zaterdag?"
ANSWER = "Ik neem de soep mee."


@pytest.fixture
def browser_context_args():
    return {"locale": "nl-NL", "viewport": PHONE, "has_touch": True, "is_mobile": True}


@pytest.fixture
def life(group):
    """The leaver's post in the group, and their question under another member's post,
    which a third member answered."""
    owner = verified_member(display_name="Groepseigenaar Gert", email="gert@samen.test")
    group.owner = owner
    group.save_revision().publish()
    leaver = verified_member(display_name=LEAVER_NAME, email=LEAVER_EMAIL, language="nl")
    other = verified_member(display_name="Blijver Bas", email="bas@samen.test")
    third = verified_member(display_name="Derde Dirk", email="dirk@samen.test")
    Membership.objects.create(user=leaver, group_key=group.translation_key)
    own_post = BlogPageFactory(parent=group, author=leaver, title="Mijn receptenboek", slug="mijn-receptenboek")
    post = BlogPageFactory(parent=group, author=other, title="Samen koken", slug="samen-koken")
    question = make_reaction(post, leaver, QUESTION, when=minutes_ago(30))
    answer = make_reaction(post, third, ANSWER, parent=question, when=minutes_ago(20))
    with translation.override("nl"):
        profile_url = reverse("profiles:profile", args=[leaver.pk])
    return {
        "group": group,
        "leaver": leaver,
        "own_post": own_post,
        "post": post,
        "question": question,
        "answer": answer,
        "profile_url": profile_url,
    }


def wrote_one(singular, plural):
    with translation.override("nl"):
        return translation.ngettext(singular, plural, 1) % {"counter": 1}


def fits_the_phone(page):
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] == PHONE["width"], f"{page.url} is {width[0]} px wide on a {width[1]} px phone"


def log_in(page, live_server, next_url="/nl/"):
    page.goto(f"{live_server.url}/nl/account/login/?next={next_url}")
    page.get_by_label(nl("E-mail")).fill(LEAVER_EMAIL)
    page.get_by_label(nl("Password")).first.fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name=nl("Log in"), exact=True).tap()
    second_step_if_asked(page, LEAVER_EMAIL)


def prove_it_again(page, password):
    """allauth's re-authentication page, which the delete page always asks for."""
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Confirm it is you"))
    fits_the_phone(page)
    page.get_by_label(nl("Password")).fill(password)
    page.get_by_role("button", name=nl("Confirm")).tap()


def reach_the_delete_form(page, live_server):
    log_in(page, live_server, next_url=DELETE_URL)
    prove_it_again(page, DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Delete my account"))


def accessibility_violations(page):
    results = Axe().run(page)
    assert results.response["passes"]
    return [
        f"{violation['id']}: " + "; ".join(" ".join(node["target"]) for node in violation["nodes"])
        for violation in results.response["violations"]
    ]


def test_a_member_deletes_their_account_on_a_phone(live_server, page, browser, life, screenshot_dir):
    post_url = f"{live_server.url}{life['post'].url}"
    # An anonymous reader sees the question under the leaver's name, and the site keeps a
    # shared copy of that page, which must not keep the name either.
    reader = browser.new_context(locale="nl-NL", viewport=PHONE, has_touch=True, is_mobile=True)
    before = reader.new_page()
    before.goto(post_url)
    expect(before.locator(f"#reactie-{life['question'].pk}")).to_contain_text(LEAVER_NAME)
    before.close()

    # From the home page to their own profile, through the phone's menu.
    log_in(page, live_server)
    page.get_by_role("button", name=nl("Menu")).tap()
    page.get_by_role("navigation", name=nl("Your account")).get_by_role("link", name=LEAVER_NAME).tap()
    expect(page).to_have_url(f"{live_server.url}{life['profile_url']}")
    settings = page.get_by_role("navigation", name=nl("Your account settings"))
    settings.get_by_role("link", name=nl("Delete my account")).tap()

    prove_it_again(page, DEFAULT_PASSWORD)
    expect(page).to_have_url(f"{live_server.url}{DELETE_URL}")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Delete my account"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(wrote_one("You wrote %(counter)s reaction.", "You wrote %(counter)s reactions."))
    expect(main).to_contain_text(wrote_one("You wrote %(counter)s post.", "You wrote %(counter)s posts."))
    reactions = page.get_by_role("group", name=nl("Your reactions"))
    posts = page.get_by_role("group", name=nl("Your posts"))
    reactions.get_by_role("radio", name=nl(ReactionChoice.KEEP.label)).tap()
    posts.get_by_role("radio", name=nl(PostChoice.GROUP.label)).tap()
    page.get_by_role("checkbox", name=nl("I understand that this cannot be undone")).tap()
    fits_the_phone(page)
    # A choice whose words wrap keeps a radio as large as the others: a target for a thumb.
    sizes = [radio.bounding_box() for radio in page.get_by_role("radio").all()]
    assert len(sizes) == 4
    assert {(round(size["width"]), round(size["height"])) for size in sizes} == {(20, 20)}, sizes
    assert accessibility_violations(page) == []
    page.screenshot(path=str(screenshot_dir / "delete-account-form-phone.png"), full_page=True)
    page.get_by_role("button", name=nl("Delete my account")).tap()

    # The goodbye page, logged out.
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Your account has been deleted"))
    fits_the_phone(page)
    expect(page.locator("body")).to_have_attribute("data-rendered-for", "anyone")
    assert not User.objects.filter(email__iexact=LEAVER_EMAIL).exists()
    page.goto(f"{live_server.url}{life['profile_url']}")
    assert page.get_by_role("heading", name=LEAVER_NAME).count() == 0

    # A reader, in a new page: the question stays, under "former member", with the answer below.
    after = reader.new_page()
    after.goto(post_url)
    question = after.locator(f"#reactie-{life['question'].pk}")
    own = question.locator("> article")  # the question itself, not the replies inside it
    expect(own.locator(".reaction__author")).to_have_text(nl("former member"))
    expect(own.locator(".reaction__author a")).to_have_count(0)
    expect(own.locator("img")).to_have_count(0)
    expect(own.locator(".reaction__body")).to_have_text(QUESTION)
    answer = question.locator(f"ol.reaction-list--replies > #reactie-{life['answer'].pk}")
    expect(answer).to_contain_text(ANSWER)
    expect(answer).to_contain_text("Derde Dirk")
    assert LEAVER_NAME not in after.content() and LEAVER_EMAIL not in after.content()
    fits_the_phone(after)

    # Their post is still in the group, online, without an author or a link to them.
    after.goto(f"{live_server.url}{life['group'].url}")
    after.get_by_role("link", name="Mijn receptenboek").first.tap()
    expect(after.get_by_role("heading", level=1)).to_have_text("Mijn receptenboek")
    expect(after.locator(".post__author")).to_have_count(0)
    expect(after.locator(f"a[href='{life['profile_url']}']")).to_have_count(0)
    assert LEAVER_NAME not in after.content()
    reader.close()
    own_post = BlogPage.objects.get(pk=life["own_post"].pk)
    assert own_post.live and own_post.author_id is None


def test_the_choices_are_made_with_the_keyboard(live_server, page, life):
    reach_the_delete_form(page, live_server)
    for legend, choices in ((nl("Your reactions"), ReactionChoice), (nl("Your posts"), PostChoice)):
        group = page.get_by_role("group", name=legend)
        expect(group).to_have_count(1)
        assert group.evaluate("element => element.tagName") == "FIELDSET"
        for choice in choices:
            expect(group.get_by_role("radio", name=nl(choice.label))).to_be_visible()

    # Tab to the first question: no radio is chosen yet, so the first one takes the focus.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "reactions":
            break
    first = page.get_by_role("radio", name=nl(ReactionChoice.KEEP.label))
    expect(first).to_be_focused()
    assert first.evaluate("element => getComputedStyle(element).outlineStyle") != "none"
    page.keyboard.press("Space")
    expect(first).to_be_checked()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name=nl(ReactionChoice.REMOVE.label))).to_be_checked()
    expect(first).not_to_be_checked()

    # Tab leaves the group for the next question, then the confirmation and the button.
    page.keyboard.press("Tab")
    expect(page.get_by_role("radio", name=nl(PostChoice.GROUP.label))).to_be_focused()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    expect(page.get_by_role("radio", name=nl(PostChoice.GROUP.label))).to_be_checked()
    page.keyboard.press("Tab")
    confirm = page.get_by_role("checkbox", name=nl("I understand that this cannot be undone"))
    expect(confirm).to_be_focused()
    page.keyboard.press("Space")
    expect(confirm).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name=nl("Delete my account"))).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Your account has been deleted"))
    # Removed, the answered question leaves a placeholder; the post stays with its group.
    assert Reaction.objects.get(pk=life["question"].pk).is_removed
    assert Reaction.objects.filter(pk=life["answer"].pk, is_removed=False).exists()
    assert BlogPage.objects.get(pk=life["own_post"].pk).live


def test_a_wrong_password_is_refused_and_nothing_is_deleted(live_server, page, life):
    log_in(page, live_server, next_url=DELETE_URL)
    prove_it_again(page, "niet-mijn-wachtwoord")
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Confirm it is you"))
    expect(page.get_by_role("main")).to_contain_text(nl("Incorrect password."))
    expect(page.get_by_label(nl("Password"))).to_be_visible()
    expect(page).not_to_have_url(re.compile(re.escape(DELETE_URL) + "$"))
    assert User.objects.filter(pk=life["leaver"].pk).exists()

    # The right password reaches the form; without the confirmation ticked nothing happens.
    prove_it_again(page, DEFAULT_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Delete my account"))
    page.get_by_role("radio", name=nl(ReactionChoice.KEEP.label)).tap()
    page.get_by_role("radio", name=nl(PostChoice.TRASH.label)).tap()
    page.get_by_role("button", name=nl("Delete my account")).tap()
    expect(page.get_by_role("main")).to_contain_text(
        nl("Tick the box to confirm that you understand this cannot be undone.")
    )
    expect(page.get_by_role("radio", name=nl(ReactionChoice.KEEP.label))).to_be_checked()
    expect(page.get_by_role("radio", name=nl(PostChoice.TRASH.label))).to_be_checked()
    fits_the_phone(page)
    leaver = User.objects.get(pk=life["leaver"].pk)
    assert leaver.display_name == LEAVER_NAME
    assert Reaction.objects.get(pk=life["question"].pk).user_id == leaver.pk
    assert BlogPage.objects.get(pk=life["own_post"].pk).author_id == leaver.pk
