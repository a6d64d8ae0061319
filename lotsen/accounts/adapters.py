from allauth.account.adapter import DefaultAccountAdapter

from lotsen.core.tasks import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # Accounts are created by the Landeskoordination or by a coordinator's invitation;
        # partners subscribe to the newsletter without an account.
        return False

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        queue_email(self.render_mail(template_prefix, email, context))
