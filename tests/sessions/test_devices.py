from django.utils import translation

import pytest

from accounts.devices import describe_device

EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
SAFARI_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15"
)
FIREFOX_LINUX = "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0"


@pytest.mark.parametrize(
    ("user_agent", "words"),
    [
        (EDGE, "Edge on Windows"),
        (CHROME_ANDROID, "Chrome on Android"),
        (SAFARI_MAC, "Safari on macOS"),
        (FIREFOX_LINUX, "Firefox on Linux"),
        ("curl/8.5.0", "An unknown browser"),
        ("", "An unknown browser"),
        (None, "An unknown browser"),
        ("<script>alert(1)</script> Windows", "An unknown browser on Windows"),
        ("x" * 10_000, "An unknown browser"),
    ],
)
def test_a_user_agent_in_plain_words(user_agent, words):
    with translation.override("en"):
        assert describe_device(user_agent) == words
