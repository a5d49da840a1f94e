"""Security headers Django does not set itself: a Content-Security-Policy for the public
site (scripts only from files on this site; the Wagtail admin sets its own needs and is
left out), and a Permissions-Policy that switches off what Samen never uses."""

from django.conf import settings

from home.addresses import ADMIN_PREFIXES


def content_security_policy():
    frames = " ".join(settings.CSP_FRAME_SOURCES)
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: https:",
            f"frame-src {frames}" if frames else "frame-src 'none'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy()

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(ADMIN_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
