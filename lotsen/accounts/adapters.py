from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site

from lotsen.accounts import lockout
from lotsen.core.tasks import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by the Landeskoordination or by a coordinator's invitation;
        # partners subscribe to the newsletter without an account.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's mail, queued for a worker instead of sent inside the request.

        The context gets what allauth's own ``send_mail`` adds: its templates greet from
        ``current_site`` and name the ``email`` the mail is about.
        """
        request = allauth_context.request
        context = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            **context,
        }
        queue_email(self.render_mail(template_prefix, email, context))

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # Per account and address together: a stranger guessing from one address cannot lock
        # the owner out elsewhere (lotsen/accounts/lockout.py).
        return lockout.attempts_key(
            site=get_current_site(request).domain,
            login=credentials.get("email", credentials.get("username", "")),
            client_ip=self.get_client_ip(request),
        )

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        # After a password reset the owner may log in from anywhere again.
        lockout.reset_failed_logins(credentials.get("email", credentials.get("username", "")))
