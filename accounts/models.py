from functools import partial

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models, transaction
from django.db.models.functions import Lower
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    """Members sign in with their e-mail address; there is no separate username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        email = self.normalize_email(email)
        if not email:
            raise ValueError("Every account needs an e-mail address.")
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    @classmethod
    def normalize_email(cls, email):
        # The whole address is folded to lower case, so "Anna@X.nl" and "anna@x.nl"
        # can never be two accounts, nor two sets of failed log-in attempts.
        return (email or "").strip().lower()

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        help_text=_("Shown in bylines and with your reactions."),
    )
    avatar = models.ImageField(_("avatar"), upload_to="avatars/", blank=True)
    bio = models.TextField(_("short bio"), max_length=500, blank=True)
    language = models.CharField(
        _("language for e-mail"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mail the site sends you."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name()

    def save(self, *args, **kwargs):
        self.email = UserManager.normalize_email(self.email)
        if not self.display_name:
            self.display_name = self._name_from_parts()
        replaced = self._stored_avatar_replaced(kwargs.get("update_fields"))
        super().save(*args, **kwargs)
        if replaced:
            _delete_avatar_file_on_commit(replaced, self._state.db)

    def _stored_avatar_replaced(self, update_fields):
        """The name of the stored picture this save replaces or removes, if any. Django
        leaves the old file behind; it holds a picture the member took away."""
        if self._state.adding or (update_fields is not None and "avatar" not in update_fields):
            return None
        stored = User.objects.filter(pk=self.pk).values_list("avatar", flat=True).first()
        return stored if stored and stored != self.avatar.name else None

    def _name_from_parts(self):
        full = f"{self.first_name} {self.last_name}".strip()
        # An address may have a longer name part than a display name may be (sign-up saves
        # the account once before it sets the name the member typed).
        name = full or self.email.split("@", 1)[0]
        return name[: self._meta.get_field("display_name").max_length]

    def get_full_name(self):
        return self.display_name or self._name_from_parts()

    def get_short_name(self):
        return self.get_full_name()


def _delete_avatar_file_on_commit(name, using):
    # Only once the change is committed: a rolled-back save still shows the old picture.
    storage = User._meta.get_field("avatar").storage
    transaction.on_commit(partial(storage.delete, name), using=using)


@receiver(post_delete, sender=User, dispatch_uid="delete_avatar_file")
def _delete_avatar_with_member(sender, instance, using, **kwargs):
    if instance.avatar:
        _delete_avatar_file_on_commit(instance.avatar.name, using)


class LoginMethod(models.TextChoices):
    PASSWORD = "password", _("password")
    SECOND_FACTOR = "second_factor", _("password and second factor")
    PASSKEY = "passkey", _("passkey")
    SINGLE_SIGN_ON = "single_sign_on", _("single sign-on")
    OTHER = "other", _("another way")


class LoginEvent(models.Model):
    """One log-in to a member's account, or one failed attempt with the right address: what
    the member sees on their sessions page, kept LOGIN_HISTORY_DAYS days
    (accounts/login_history.py)."""

    # The longest User-Agent kept; the rest says nothing a member would recognise.
    USER_AGENT_MAX_LENGTH = 300

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_events")
    at = models.DateTimeField(_("when"), db_index=True)
    succeeded = models.BooleanField(_("succeeded"))
    method = models.CharField(_("how"), max_length=20, choices=LoginMethod.choices, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=USER_AGENT_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("log-in")
        verbose_name_plural = _("log-ins")
        indexes = [models.Index(fields=["user", "-at"], name="accounts_login_user_at")]

    def __str__(self):
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"
