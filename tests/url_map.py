"""Every address the site's URL configuration can answer, taken from the resolver itself,
so that a sweep over them covers a view nobody remembered to list.

``url_patterns()`` walks the resolver tree and yields each pattern with the full route
that leads to it. ``fill(route, values)`` turns a route into paths by putting sample
values into its arguments: ``values`` maps an argument name to the values to try (ids of
real objects, say), and arguments it does not name get a value their converter accepts.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

# What an argument gets when the sweep has no real value for it, by its converter.
CONVERTER_SAMPLES = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000001"}
_ROUTE_ARGUMENT = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>(?:[^()]|\([^()]*\))*)\)")


@dataclass(frozen=True)
class Route:
    """A pattern's whole route as (kind, text) pieces, and its view and name."""

    pieces: tuple
    callback: object
    name: str | None
    namespaces: tuple

    @property
    def label(self):
        return "".join(text for _kind, text in self.pieces)


def _piece(pattern):
    if isinstance(pattern, LocalePrefixPattern):
        return ("route", "<language>/")
    if isinstance(pattern, RoutePattern):
        return ("route", str(pattern._route))
    if isinstance(pattern, RegexPattern):
        return ("regex", pattern._regex)
    raise TypeError(f"unknown URL pattern {pattern!r}")


def url_patterns(resolver=None, pieces=(), namespaces=()):
    """Every URL pattern of the site, with the pieces of the route that leads to it."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        here = (*pieces, _piece(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from url_patterns(entry, here, inner)
        elif isinstance(entry, URLPattern):
            yield Route(here, entry.callback, entry.name, namespaces)


def _sample_for_regex(body):
    for candidate in ("1", "x", "nl", "x/", ""):
        if re.fullmatch(body, candidate):
            return candidate
    return None


def _regex_to_text(regex, values):
    """A regex route piece as text: named groups get a sample, anchors and the catch-all
    tails of Wagtail's routes are dropped. None when no sample fits."""
    text = regex.lstrip("^").rstrip("$").removesuffix("\\Z")

    def group(match):
        name, body = match["name"], match["body"]
        if name in values:
            return str(values[name][0])
        sample = _sample_for_regex(body)
        if sample is None:
            raise ValueError(name)
        return sample

    try:
        text = _REGEX_GROUP.sub(group, text)
    except ValueError:
        return None
    # What is left are unnamed groups (Wagtail's serve pattern, the admin's catch-all):
    # drop them, innermost first, and keep the result if the route still matches it.
    while re.search(r"\([^()]*\)", text):
        text = re.sub(r"\([^()]*\)[*?+]?", "", text)
    text = text.replace("\\", "")
    if re.search(r"[()\[\]*+?|{}]", text):
        # A quantifier around plain text, e.g. the admin's catch-all ".*/": "x/" fits.
        text = re.sub(r"\.[*+?]", "x", text)
    if re.search(r"[()\[\]*+?|{}]", text) or not re.search(regex, text):
        return None
    return text


def fill(route, values=None):
    """Paths for ``route`` with each argument filled in: one path per combination of the
    values given for its arguments (``values[name]`` is a list), samples elsewhere."""
    values = {"language": [translation.get_language()], **(values or {})}
    paths = [""]
    for kind, text in route.pieces:
        if kind == "regex":
            piece = _regex_to_text(text, values)
            if piece is None:
                return []
            paths = [path + piece for path in paths]
            continue
        parts = _ROUTE_ARGUMENT.split(text)
        # split() gives text, converter, name, text, converter, name, ..., text
        options = [[parts[0]]]
        for i in range(1, len(parts), 3):
            converter, name, after = parts[i] or "str", parts[i + 1], parts[i + 2]
            options.append([str(value) for value in values.get(name, [CONVERTER_SAMPLES.get(converter, "1")])])
            options.append([after])
        for choices in options:
            paths = [path + choice for path in paths for choice in choices]
    return ["/" + path for path in dict.fromkeys(paths)]


def reachable(values=None):
    """``{path: (route, view)}`` for every pattern, in every language (a route's words and
    its language prefix are those of the language active while it is read), with the
    arguments filled in from ``values``. A path resolves to the view that answers it: a
    pattern shadowed by an earlier one resolves to the earlier one's view."""
    found = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for route in url_patterns():
                for path in fill(route, values):
                    if path in found:
                        continue
                    try:
                        found[path] = (route, resolve(path).func)
                    except Resolver404:
                        continue
    return found
