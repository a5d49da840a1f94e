from django.conf import settings


def accounts(request):
    """Whether the header offers "sign up": not on sites that invite their members."""
    return {"signup_open": settings.SAMEN_SIGNUP_OPEN}
