"""Mails to account holders: invitations with a set-password link, notices about the account."""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.urls import reverse

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.tasks import queue_email


def queue_account_mail(template: str, *, to: str, context: dict) -> None:
    """Queue ``templates/emails/<template>`` in German (accounts have no language)."""
    queue_email(templated_email(template, to=to, context=context, language=settings.LANGUAGE_CODE))


def set_password_link(user, base_url: str = "") -> str:
    """The invitation's link: allauth's password reset, which also verifies the address."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return portal_url(path, base_url)


def set_password_valid_days() -> int:
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
