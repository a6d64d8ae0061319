"""The retention schedule: how long the portal keeps which personal data, and why.

This table is the one place that decides it. ``services.apply_schedule`` applies every rule
(daily, from Celery beat), the Landeskoordination's page shows the table as it stands here, and
the tests move the clock past each period. A new kind of personal data gets a rule here and a
handler in ``services.HANDLERS``.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotsen.imports.storage import MAX_AGE as IMPORT_UPLOAD_KEPT_FOR
from newsletters.subscriptions.services import UNCONFIRMED_KEPT_FOR


class Action(models.TextChoices):
    DELETE = "delete", _("delete")
    ANONYMISE = "anonymise", _("anonymise")


@dataclass(frozen=True)
class Rule:
    key: str  # names the handler and the counts of a run; never renamed
    records: str  # which records, as the page shows them
    period: datetime.timedelta
    period_label: str  # the period in words, counted from ``starts``
    starts: str  # from when the period is counted
    action: Action
    reason: str  # the legal reason for the period


DAY = datetime.timedelta(days=1)

SCHEDULE: list[Rule] = [
    Rule(
        key="past_event_registrations",
        records=_("Registrations for events"),
        period=365 * DAY,
        period_label=_("1 year"),
        starts=_("after the event ended"),
        action=Action.ANONYMISE,
        reason=_(
            "Art. 5(1)(e) and Art. 17(1)(a) GDPR: the details were given to organise the event. "
            "Status and attendance stay, without name or address, for the funders' figures "
            "(Art. 89 GDPR)."
        ),
    ),
    Rule(
        key="departed_guides",
        records=_("Guides who left the network, with their account"),
        period=2 * 365 * DAY,
        period_label=_("2 years"),
        starts=_("after the status “left” took effect"),
        action=Action.DELETE,
        reason=_(
            "Art. 5(1)(e) and Art. 17(1)(a) GDPR: the purpose ends with the volunteering; two "
            "years keep certificates and a return possible."
        ),
    ),
    Rule(
        key="archived_organisation_contacts",
        records=_("Contact persons of archived organisations and agencies"),
        period=183 * DAY,
        period_label=_("6 months"),
        starts=_("after the organisation or agency was archived"),
        action=Action.DELETE,
        reason=_(
            "Art. 5(1)(c) and (e), Art. 17(1)(a) GDPR: without cooperation there is no reason "
            "to contact them."
        ),
    ),
    Rule(
        key="archived_organisation_contact_notes",
        records=_("Contact log notes about archived organisations and agencies"),
        period=183 * DAY,
        period_label=_("6 months"),
        starts=_("after the organisation or agency was archived"),
        action=Action.DELETE,
        reason=_(
            "Art. 5(1)(c) and (e), Art. 17(1)(a) GDPR: the notes name the people met and serve "
            "the cooperation; they go with the contact persons once it has ended."
        ),
    ),
    Rule(
        key="old_contact_notes",
        records=_("Contact log notes"),
        period=3 * 365 * DAY,
        period_label=_("3 years"),
        starts=_("after the contact"),
        action=Action.DELETE,
        reason=_(
            "Art. 5(1)(e) GDPR: a note is needed for the next steps of a cooperation and to "
            "answer for it as long as claims may arise (§§ 195, 199 BGB); older contacts no "
            "longer guide the work."
        ),
    ),
    Rule(
        key="unconfirmed_subscribers",
        records=_("Newsletter sign-ups nobody confirmed"),
        period=UNCONFIRMED_KEPT_FOR,
        period_label=_("7 days"),
        starts=_("after signing up"),
        action=Action.DELETE,
        reason=_(
            "Art. 6(1)(a) and Art. 7 GDPR, § 7(2) UWG: without a confirmed double opt-in there "
            "is no consent to send anything."
        ),
    ),
    Rule(
        key="bounced_subscribers",
        records=_("Newsletter subscribers whose address bounces"),
        period=90 * DAY,
        period_label=_("90 days"),
        starts=_("after the address was marked as bouncing"),
        action=Action.DELETE,
        reason=_(
            "Art. 5(1)(d) and (e) GDPR: an address that cannot receive mail is inaccurate and "
            "no longer needed. Only its hash stays, so that no import adds it again."
        ),
    ),
    Rule(
        key="change_log_entries",
        records=_("Entries of the change history"),
        period=3 * 365 * DAY,
        period_label=_("3 years"),
        starts=_("after the change"),
        action=Action.DELETE,
        reason=_(
            "Art. 5(1)(e) and Art. 5(2) GDPR: the history proves who changed what for as long "
            "as claims may arise (regular limitation period, §§ 195, 199 BGB)."
        ),
    ),
    Rule(
        key="import_uploads",
        records=_("Uploaded import files"),
        period=IMPORT_UPLOAD_KEPT_FOR,
        period_label=_("1 day"),
        starts=_("after the upload"),
        action=Action.DELETE,
        reason=_("Art. 5(1)(c) and (e) GDPR: the file is needed only between preview and import."),
    ),
    Rule(
        key="consent_records",
        records=_("Consent records of unsubscribed newsletter subscribers"),
        period=3 * 365 * DAY,
        period_label=_("3 years"),
        starts=_("after unsubscribing"),
        action=Action.DELETE,
        reason=_(
            "Art. 7(1) GDPR: consent must be provable as long as claims may arise (§§ 195, 199 "
            "BGB). Only the hash of the address stays, so that no import subscribes it again."
        ),
    ),
    Rule(
        key="referral_requesters",
        records=_("Contact details of closed or cancelled referral requests"),
        period=365 * DAY,
        period_label=_("1 year"),
        starts=_("after the request was closed or cancelled"),
        action=Action.ANONYMISE,
        reason=_(
            "Art. 5(1)(e) and Art. 17(1)(a) GDPR: the contact was given to find a guide. The "
            "request stays, without person, address, phone or note, for the funders' figures "
            "(Art. 89 GDPR)."
        ),
    ),
    Rule(
        key="expired_needs_invitations",
        records=_("Needs assessment invitations that expired unanswered, with their drafts"),
        period=365 * DAY,
        period_label=_("1 year"),
        starts=_("after the invitation's link expired"),
        action=Action.DELETE,
        reason=_(
            "Art. 5(1)(c) and (e), Art. 17(1)(a) GDPR: an invitation nobody submitted counts in "
            "no figure; its address and draft answers serve no purpose once a new round has "
            "gone out."
        ),
    ),
]

RULES = {rule.key: rule for rule in SCHEDULE}
