"""Portal accounts: one per person, logging in with an email address."""

import rules
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.roles import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> "User":
        fields["role"] = Role.ADMIN
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    """A portal account, logging in with its email address.

    What a user may do follows from ``role`` alone and is decided in ``lotsen.core.permissions``;
    Django's per-user permission tables are deliberately not used.
    """

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.GUIDE)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick instead of deleting the account; the person can no longer log in."),
    )
    date_joined = models.DateTimeField(_("account created"), default=timezone.now)
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True, editable=False)
    # The secret of the personal calendar feed's address. The address carries a keyed hash of
    # it (events.calendar.personal), never the key itself; a new key makes the old address 404.
    calendar_feed_key = models.CharField(
        _("key of the personal calendar feed"), max_length=64, blank=True, editable=False
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user account")
        verbose_name_plural = _("user accounts")
        ordering = ["email"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_unique_email_ci")]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email

    @property
    def is_staff(self) -> bool:
        """Only the Landeskoordination uses Django's admin site."""
        return self.is_active and self.role == Role.ADMIN

    is_superuser = is_staff

    def has_perm(self, perm: str, obj=None) -> bool:
        return self.is_active and rules.has_perm(perm, self, obj)

    def has_perms(self, perm_list, obj=None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_staff
