from django.core.paginator import Paginator


def paginate(request, items, per_page, param="page"):
    """One page of ``items``. Whatever the reader puts in ``?page=`` they get a page:
    anything that is not a whole number means the first page, and a number past the end
    means the last one."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get(param, "")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        # int() refuses whole numbers longer than 4300 digits; they are still past the end.
        digits = raw.strip()
        number = paginator.num_pages if digits.isascii() and digits.isdigit() else 1
    number = min(max(number, 1), paginator.num_pages)
    return paginator.page(number)
