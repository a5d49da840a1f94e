from django.core.paginator import Paginator


def paginate(request, items, per_page, param="page", count=None):
    """One page of ``items``, whatever the reader put in ``?page=``. Django's ``get_page()``
    gives the first page for anything that is not a whole number and the last for a number
    past the end; two numbers it answers otherwise are corrected first. A number below 1 is
    the first page (``get_page()`` would show the last), and a whole number too long for
    ``int()`` (more than 4,300 digits) is past the end like any other (``get_page()`` would
    take it for no number and show the first). ``count``, when the caller already knows
    how many items there are, saves the paginator counting them again."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # a cached property: set, it is not computed
    number = request.GET.get(param, "").strip()
    try:
        if int(number) < 1:
            number = 1
    except ValueError:
        if number.isascii() and number.isdigit():
            number = paginator.num_pages
    return paginator.get_page(number)
