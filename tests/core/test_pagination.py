"""``paginate``: whatever is in ``?page=``, the reader gets a page. Not a whole number means
the first page; a number past the end means the last."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from core.pagination import paginate

ITEMS = list(range(25))  # three pages of ten


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, 1),
        ("", 1),
        ("1", 1),
        ("2", 2),
        (" 3 ", 3),
        ("3", 3),
        ("4", 3),
        ("99999", 3),
        ("9" * 10_000, 3),
        ("0", 1),
        ("-1", 1),
        ("-" + "9" * 10_000, 1),
        ("abc", 1),
        ("2.0", 1),
        ("\x00", 1),
        ("<script>", 1),
        ("0x2", 1),
    ],
    ids=lambda value: repr(value)[:20] if isinstance(value, str) else str(value),
)
def test_page_number(rf, raw, expected):
    request = rf.get("/nl/blogs/", {} if raw is None else {"page": raw})

    page = paginate(request, ITEMS, 10)

    assert page.number == expected
    assert list(page.object_list) == ITEMS[(expected - 1) * 10 : expected * 10]


def test_empty_list_has_one_empty_page(rf):
    page = paginate(rf.get("/nl/blogs/", {"page": "5"}), [], 10)

    assert page.number == 1
    assert list(page.object_list) == []


def test_other_parameter_name(rf):
    page = paginate(rf.get("/nl/blogs/", {"page": "1", "p": "2"}), ITEMS, 10, param="p")

    assert page.number == 2


# --- the list of pages: a handful of numbers, however many pages ----------------------


def rendered_pagination(number, pages, language="nl"):
    page = Paginator(range(pages * 10), 10).page(number)
    request = RequestFactory().get("/blog/", {"tag": "wonen", "page": number})
    with translation.override(language):
        html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)
    return BeautifulSoup(html, "html.parser")


def test_a_list_of_85_pages_links_the_first_the_last_and_two_either_side():
    html = rendered_pagination(40, 85)

    items = [li.get_text(" ", strip=True) for li in html.select(".pagination__list li")]
    numbers = [a.get_text(strip=True) for a in html.select(".utrecht-pagination__page-link")]
    assert numbers == ["1", "38", "39", "40", "41", "42", "85"]
    assert items.count("… meer pagina's") == 2
    assert html.select_one("a[aria-current=page]")["href"] == "?tag=wonen&page=40"
    assert html.select_one("a[rel=prev]")["href"] == "?tag=wonen&page=39"
    assert html.select_one(".pagination__status").get_text(strip=True) == "Pagina 40 van 85"


@pytest.mark.parametrize("pages", [85, 850, 8500])
def test_the_number_of_links_does_not_grow_with_the_pages(pages):
    for number in (1, pages // 2, pages):
        assert len(rendered_pagination(number, pages).select(".utrecht-pagination__page-link")) <= 7


def test_a_few_pages_are_all_linked_without_gaps():
    html = rendered_pagination(2, 4)

    assert [a.get_text(strip=True) for a in html.select(".utrecht-pagination__page-link")] == ["1", "2", "3", "4"]
    assert html.select(".pagination__gap") == []


def test_the_gap_is_named_for_screen_readers_in_english_too():
    html = rendered_pagination(1, 85, language="en")

    assert html.select_one(".pagination__gap")["aria-hidden"] == "true"
    assert "more pages" in html.select_one(".pagination__gap").parent.get_text(" ", strip=True)
