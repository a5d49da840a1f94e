"""``paginate``: whatever is in ``?page=``, the reader gets a page. Not a whole number means
the first page; a number past the end means the last."""

import pytest

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
