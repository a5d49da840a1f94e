"""A browser's User-Agent in plain words: "Firefox on Windows", "Safari on an iPhone".

Members recognise their devices by browser and system, not by the header's version
numbers. Only the common browsers and systems are named; anything else is "an unknown
browser" or "an unknown system", never the raw header (which anyone can set to anything)."""

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# First match wins: browsers built on another name it in their header too (Edge says
# Chrome and Safari, Chrome says Safari), so the more specific ones come first.
BROWSERS = (
    (re.compile(r"\bEdg(e|A|iOS)?/"), "Edge"),
    (re.compile(r"\b(OPR|Opera)/"), "Opera"),
    (re.compile(r"\bSamsungBrowser/"), "Samsung Internet"),
    (re.compile(r"\bVivaldi/"), "Vivaldi"),
    (re.compile(r"\b(Firefox|FxiOS)/"), "Firefox"),
    (re.compile(r"\b(Chrome|Chromium|CriOS)/"), "Chrome"),
    (re.compile(r"\bVersion/[\d.]+.*Safari/"), "Safari"),
)
SYSTEMS = (
    (re.compile(r"\biPhone\b"), _("an iPhone")),
    (re.compile(r"\biPad\b"), _("an iPad")),
    (re.compile(r"\bAndroid\b"), "Android"),
    (re.compile(r"\bCrOS\b"), "ChromeOS"),
    (re.compile(r"\bWindows\b"), "Windows"),
    (re.compile(r"\bMac OS X\b|\bMacintosh\b"), "macOS"),
    (re.compile(r"\bLinux\b"), "Linux"),
)


def _first(patterns, user_agent):
    return next((name for pattern, name in patterns if pattern.search(user_agent)), None)


def describe_device(user_agent):
    """The browser and system ``user_agent`` names, in the active language."""
    user_agent = user_agent or ""
    browser = _first(BROWSERS, user_agent)
    system = _first(SYSTEMS, user_agent)
    if browser and system:
        return gettext("%(browser)s on %(system)s") % {"browser": browser, "system": system}
    if browser:
        return gettext("%(browser)s on an unknown system") % {"browser": browser}
    if system:
        return gettext("An unknown browser on %(system)s") % {"system": system}
    return gettext("An unknown browser")
