"""Two-factor login for those who manage personal data of a whole region or of the state.

With ``LOTSEN_REQUIRE_2FA`` on, the Landeskoordination and coordinators who have no
authenticator yet (an authenticator app; recovery codes alone do not count) are sent to set
one up before any workspace or admin page. Guides may set one up, but need not.
"""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lotsen.core.roles import Role

PROTECTED_PREFIXES = ("/workspace/", "/admin/")
ROLES_NEEDING_2FA = (Role.ADMIN, Role.COORDINATOR)
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def needs_second_factor(user) -> bool:
    """Must this user set up a second factor before working with the portal's data?"""
    return (
        getattr(settings, "LOTSEN_REQUIRE_2FA", False)
        and user.is_authenticated
        and user.role in ROLES_NEEDING_2FA
        and not Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()
    )


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(PROTECTED_PREFIXES) and needs_second_factor(request.user):
            messages.warning(
                request,
                _(
                    "Please set up two-factor login first: your account gives access to "
                    "personal data of the network."
                ),
            )
            return redirect("mfa_index")
        return self.get_response(request)
