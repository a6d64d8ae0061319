"""Who may do what to which object: every such decision of the portal is made here.

Two questions, answered from the same table of region lookups:

- ``user.has_perm("app.action_model", obj)`` — may this user do this to this object? Rules are
  django-rules predicates. The Landeskoordination may do everything; a coordinator acts only on
  objects of their own regions; a guide only on their own profile.
- ``visible_to(user, queryset)`` — which rows may this user see in the workspace at all? Views
  fetch objects through it, so an object of another region answers 404, whatever the URL.

A coordinator's regions are read from the database once per request (cached on the user object
of that request), so revoking a region takes effect on the next request.
"""

from collections.abc import Callable
from typing import TypeVar

import rules
from django.apps import apps
from django.db import models
from django.db.models import Q

from lotsen.core.roles import Role
from lotsen.core.visibility import Visibility

# --- Roles ----------------------------------------------------------------------------------


def _has_role(user, role: str) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.role == role)


@rules.predicate
def is_admin(user) -> bool:
    return _has_role(user, Role.ADMIN)


@rules.predicate
def is_coordinator(user) -> bool:
    return _has_role(user, Role.COORDINATOR)


@rules.predicate
def is_guide(user) -> bool:
    return _has_role(user, Role.GUIDE)


def _ids_once(user, name: str, read) -> frozenset[int]:
    """The ids ``read()`` gives, read once per request and kept on ``user`` as ``name``."""
    cached = getattr(user, name, None)
    if cached is None:
        cached = frozenset(read())
        setattr(user, name, cached)
    return cached


def coordinated_region_ids(user) -> frozenset[int]:
    """The regions a coordinator works in; empty for every other role."""
    if not is_coordinator(user):
        return frozenset()
    return _ids_once(
        user,
        "_coordinated_region_ids",
        lambda: user.coordinated_regions.values_list("pk", flat=True),
    )


@rules.predicate
def is_member(user) -> bool:
    """Anyone signed in with a role in the network: guides, coordinators, Landeskoordination."""
    return bool(is_admin(user) or is_coordinator(user) or is_guide(user))


def member_region_ids(user) -> frozenset[int] | None:
    """The regions whose internal dates a member sees: ``None`` for all of them (the
    Landeskoordination), a coordinator's regions, a guide's own region (none without a
    profile); empty for everyone else. Read once per request."""
    if is_admin(user):
        return None
    if is_coordinator(user):
        return coordinated_region_ids(user)
    if not is_guide(user):
        return frozenset()
    Guide = apps.get_model("lotsen", "Guide")
    return _ids_once(
        user,
        "_member_region_ids",
        lambda: Guide.objects.filter(user=user).values_list("region_id", flat=True).order_by(),
    )


# --- Where an object belongs ----------------------------------------------------------------

# For each region-bound model: the lookups from the model to its region, for querysets, and a
# function giving the region ids of one instance (which may still be unsaved), for predicates.
# An object with no region (a statewide event or agency) belongs to the Landeskoordination.
REGION_LOOKUPS: dict[str, tuple[str, ...]] = {
    "regions.region": ("pk",),
    "regions.regionstatuschange": ("region",),
    "organisations.migrantorganisation": ("region",),
    "organisations.supportmeasure": ("organisation__region",),
    "organisations.needsinvitation": ("organisation__region",),
    "organisations.needsanswer": ("invitation__organisation__region",),
    "organisations.agency": ("regions",),
    "organisations.contactperson": ("organisation__region", "agency__regions"),
    "lotsen.guide": ("region",),
    "lotsen.guidelanguage": ("guide__region",),
    "lotsen.guidestatuschange": ("guide__region",),
    "lotsen.completedtraining": ("guide__region",),
    "events.event": ("region",),
    "events.eventreport": ("event__region",),
    "events.reportphoto": ("report__event__region",),
    "events.registration": ("event__region",),
    "newsletters.issueitem": ("region",),
    "lotsen.attestation": ("region",),
    "lotsen.accompaniment": ("region",),
    "lotsen.referralrequest": ("region",),
    "lotsen.referralproposal": ("request__region",),
    "lotsen.contactnote": ("organisation__region", "agency__regions", "guide__region"),
    "organisations.expertrequest": ("region",),
}


def _agency_region_ids(agency) -> set[int]:
    return set(agency.regions.values_list("pk", flat=True)) if agency.pk else set()


def region_ids_of(obj) -> set[int]:
    label = obj._meta.label_lower
    if label == "regions.region":
        return {obj.pk}
    if label == "organisations.agency":
        return _agency_region_ids(obj)
    if label == "lotsen.contactnote":
        return region_ids_of(obj.subject) if obj.subject is not None else set()
    if label == "organisations.contactperson":
        if obj.organisation_id:
            return {obj.organisation.region_id}
        return _agency_region_ids(obj.agency) if obj.agency_id else set()
    parents: dict[str, Callable] = {
        "organisations.supportmeasure": lambda o: o.organisation,
        "organisations.needsinvitation": lambda o: o.organisation,
        "organisations.needsanswer": lambda o: o.invitation,
        "lotsen.guidelanguage": lambda o: o.guide,
        "lotsen.guidestatuschange": lambda o: o.guide,
        "lotsen.completedtraining": lambda o: o.guide,
        "events.eventreport": lambda o: o.event,
        "events.reportphoto": lambda o: o.report,
        "events.registration": lambda o: o.event,
        "lotsen.referralproposal": lambda o: o.request,
    }
    if label in parents:
        return region_ids_of(parents[label](obj))
    region_id = getattr(obj, "region_id", None)
    return {region_id} if region_id else set()


# --- Predicates on objects ------------------------------------------------------------------


@rules.predicate
def coordinates_region_of(user, obj) -> bool:
    """A coordinator of (one of) the object's regions; without an object: any coordinator."""
    if not is_coordinator(user):
        return False
    if obj is None:
        return bool(coordinated_region_ids(user))
    return bool(region_ids_of(obj) & coordinated_region_ids(user))


@rules.predicate
def is_own_profile(user, guide) -> bool:
    return bool(is_guide(user) and guide is not None and guide.user_id == user.pk)


@rules.predicate
def is_own_training(user, training) -> bool:
    return bool(training is not None and is_own_profile(user, training.guide))


@rules.predicate
def has_guide_profile(user) -> bool:
    return bool(is_guide(user) and hasattr(user, "guide"))


@rules.predicate
def is_own_accompaniment(user, accompaniment) -> bool:
    return bool(
        is_guide(user) and accompaniment is not None and accompaniment.guide.user_id == user.pk
    )


def member_group_ids(user) -> frozenset[int]:
    """The working groups a member belongs to; empty for everyone else. Read once per
    request."""
    if not is_member(user):
        return frozenset()
    return _ids_once(
        user, "_working_group_ids", lambda: user.working_groups.values_list("pk", flat=True)
    )


def _group_meetings(user) -> models.QuerySet:
    """The ids of the meetings of ``user``'s working groups, as a subquery (no query of its
    own, and no row twice as a join through two groups would give)."""
    meetings = apps.get_model("lotsen", "WorkingGroup").meetings.through.objects
    return meetings.filter(workinggroup__members=user).values("event_id")


@rules.predicate
def may_see_internal_event(user, event) -> bool:
    """Internal dates: statewide ones for every member, regional ones for the members of that
    region (its guides and coordinators), all of them for the Landeskoordination, and a working
    group's meetings for the group's members wherever they take place."""
    if not is_member(user):
        return False
    if event is None:
        return True
    region_ids = member_region_ids(user)
    if region_ids is None or event.region_id is None or event.region_id in region_ids:
        return True
    return bool(member_group_ids(user)) and _group_meetings(user).filter(event_id=event.pk).exists()


@rules.predicate
def is_group_member(user, group) -> bool:
    """A member of the working group (a ``lotsen.WorkingGroup``)."""
    if group is None:
        return False
    return group.pk in member_group_ids(user)


@rules.predicate
def may_see_document(user, document) -> bool:
    """The document's audience: everyone signed in, coordinators only, or one working group.
    Whoever uploaded it sees it too."""
    if document is None or not is_member(user):
        return False
    if is_admin(user) or document.created_by_id == user.pk:
        return True
    if document.audience == "members":
        return True
    if document.audience == "coordinators":
        return bool(is_coordinator(user))
    return bool(is_group_member(user, document.group))


@rules.predicate
def manages_document(user, document) -> bool:
    """A coordinator of the document's region, or, for a document without a region, a
    coordinator in its working group."""
    if not is_coordinator(user):
        return False
    if document is None:
        return bool(coordinated_region_ids(user) or user.working_groups.exists())
    if document.region_id:
        return document.region_id in coordinated_region_ids(user)
    return bool(document.group_id and is_group_member(user, document.group))


@rules.predicate
def may_read_message(user, message) -> bool:
    """The sender, and the coordinators of the regions the sender coordinated when sending."""
    if message is None or not is_coordinator(user):
        return False
    if message.sender_id == user.pk:
        return True
    region_ids = {region.pk for region in message.regions.all()}
    return bool(region_ids & coordinated_region_ids(user))


# --- Rules ----------------------------------------------------------------------------------

in_own_region = is_admin | coordinates_region_of

RULES: dict[str, rules.Predicate] = {
    # Regions: the Landeskoordination defines them; coordinators keep their status current.
    "regions.view_region": in_own_region,
    "regions.change_status_region": in_own_region,
    "regions.view_regionstatuschange": in_own_region,
    "regions.view_dashboard": in_own_region,
    # Organisations, agencies, contact persons, support: managed within one's regions.
    "organisations.view_migrantorganisation": in_own_region,
    "organisations.add_migrantorganisation": in_own_region,
    "organisations.change_migrantorganisation": in_own_region,
    "organisations.archive_migrantorganisation": in_own_region,
    "organisations.view_supportmeasure": in_own_region,
    "organisations.add_supportmeasure": in_own_region,
    "organisations.change_supportmeasure": in_own_region,
    "organisations.delete_supportmeasure": in_own_region,
    "organisations.view_agency": in_own_region,
    "organisations.add_agency": in_own_region,
    "organisations.change_agency": in_own_region,
    "organisations.archive_agency": in_own_region,
    "organisations.view_contactperson": in_own_region,
    "organisations.add_contactperson": in_own_region,
    "organisations.change_contactperson": in_own_region,
    # Needs assessment: the Landeskoordination keeps the questionnaire (every other
    # permission on it is hers by default); coordinators invite the organisations of their
    # regions and read the results of their regions.
    "organisations.view_needsinvitation": in_own_region,
    "organisations.add_needsinvitation": in_own_region,
    "organisations.view_needs_results": in_own_region,
    "organisations.delete_contactperson": in_own_region,
    # The expert pool "MO und Arbeitsmarkt" serves every region: all coordinators see it; the
    # Landeskoordination keeps it (Django admin). A coordinator requests an expert for one of
    # their regions; the Landeskoordination (or the expert, by link) accepts or declines.
    "organisations.view_expert": is_admin | is_coordinator,
    "organisations.view_expertrequest": in_own_region,
    "organisations.add_expertrequest": in_own_region,
    "organisations.decide_expertrequest": is_admin,
    # The contact log: internal notes of the coordination of the record's region. Never the
    # guide's: a guide reads only the notes marked shareable, on their own profile.
    "lotsen.view_contactnote": in_own_region,
    "lotsen.add_contactnote": in_own_region,
    "lotsen.change_contactnote": in_own_region,
    "lotsen.delete_contactnote": in_own_region,
    # Guides: coordinators manage them; a guide keeps their own profile up to date.
    "lotsen.view_guide": in_own_region | is_own_profile,
    "lotsen.add_guide": in_own_region,
    "lotsen.change_guide": in_own_region | is_own_profile,
    "lotsen.change_status_guide": in_own_region,
    "lotsen.invite_guide": in_own_region,
    "lotsen.search_guides": in_own_region,
    "lotsen.confirm_deletion_guide": is_admin,
    "lotsen.import_data": in_own_region,
    "lotsen.view_completedtraining": in_own_region,
    "lotsen.add_completedtraining": in_own_region,
    # Events: regional ones by their coordinators, statewide ones by the Landeskoordination.
    "events.view_event": in_own_region,
    "events.add_event": in_own_region,
    "events.change_event": in_own_region,
    "events.view_eventreport": in_own_region,
    "events.add_eventreport": in_own_region,
    "events.change_eventreport": in_own_region,
    "events.add_reportphoto": in_own_region,
    "events.change_reportphoto": in_own_region,
    "events.delete_reportphoto": in_own_region,
    # Registrations for an event: seen, exported and marked attended by its coordinators.
    "events.view_registration": in_own_region,
    "events.change_registration": in_own_region,
    # A guide's certificate of attendance: the guide and whoever manages the guide's profile.
    "lotsen.view_certificate": in_own_region | is_own_training,
    # Publications belong to the Landeskoordination. Coordinators see the newsletter's issues
    # and draft regional and ticker items for their own regions; an item without a region
    # (lead story, products, dates) is the Landeskoordination's.
    "newsletters.view_issue": is_admin | is_coordinator,
    "newsletters.view_issueitem": in_own_region,
    "newsletters.add_issueitem": in_own_region,
    "newsletters.change_issueitem": in_own_region,
    "newsletters.delete_issueitem": in_own_region,
    "newsletters.manage_newsletter": is_admin,
    "newsletters.export_report": is_admin,
    # The guide's kit (cards, information sheet): the guide and whoever manages the profile.
    "lotsen.view_kit": in_own_region | is_own_profile,
    # An accompaniment attestation is signed by the regional coordination of the guide's
    # region, so only its coordinators issue one; the Landeskoordination may revoke too.
    "lotsen.issue_attestation": coordinates_region_of,
    "lotsen.revoke_attestation": in_own_region,
    # Staff accounts (invite, roles, regions, deactivate, unlock): the Landeskoordination.
    "lotsen.manage_staff": is_admin,
    # Accompaniments (anonymous case coding): a guide records and corrects their own; the
    # coordination sees those of its regions; the impact figures are suppressed aggregates.
    "lotsen.add_accompaniment": has_guide_profile,
    "lotsen.change_accompaniment": is_own_accompaniment,
    "lotsen.view_accompaniment": in_own_region,
    "lotsen.view_impact": in_own_region,
    # Referral requests: the coordinators of the request's region (a request without a region
    # is the Landeskoordination's) read them, propose them to guides, close and cancel them.
    "lotsen.view_referralrequest": in_own_region,
    "lotsen.change_referralrequest": in_own_region,
    # The members' area: the start page, internal dates in the calendar and the personal feed,
    # and the directory of guides and coordinators are for every signed-in member.
    "lotsen.view_members_area": is_member,
    "events.view_internal_event": may_see_internal_event,
    # Legal texts (Impressum, Datenschutz, Barrierefreiheit): the Landeskoordination publishes
    # new versions; everyone reads the public pages, which need no permission. A published
    # version is never changed or deleted.
    "lotsen.view_legaltext": is_admin,
    "lotsen.add_legaltext": is_admin,
    "lotsen.change_legaltext": rules.always_deny,
    "lotsen.delete_legaltext": rules.always_deny,
    # The members' library: every account reads what its audience allows; coordinators upload
    # for their regions and their working groups, the Landeskoordination for everyone.
    "lotsen.view_document": is_member & may_see_document,
    "lotsen.add_document": is_admin | manages_document,
    "lotsen.change_document": is_admin | manages_document,
    # Working groups: their members see the page; the Landeskoordination manages them.
    "lotsen.view_workinggroup": is_admin | is_group_member,
    "lotsen.add_workinggroup": is_admin,
    "lotsen.change_workinggroup": is_admin,
    # Messages to groups: coordinators and the Landeskoordination write; the record is read by
    # the sender, the coordinators of the sender's regions and the Landeskoordination.
    "lotsen.add_message": is_admin | coordinates_region_of,
    "lotsen.view_message": is_admin | may_read_message,
    # Every account holder chooses the language of messages and may opt out of them.
    "lotsen.change_messagesettings": is_member,
}


def register() -> None:
    """Register every rule; called once from ``LotsenConfig.ready``.

    Every model permission not named in ``RULES`` (deleting, vocabularies, accounts, the
    models of Django and allauth) belongs to the Landeskoordination alone.
    """
    for model in apps.get_models():
        for action in ("view", "add", "change", "delete"):
            name = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
            rules.set_perm(name, RULES.get(name, is_admin))
    for name, predicate in RULES.items():
        rules.set_perm(name, predicate)


# --- Parts of a guide's profile ------------------------------------------------------------


def may_see(user, guide, part: str) -> bool:
    """May ``user`` see ``part`` of the guide's profile (name, photo, contact, ...)?

    Public: everyone. Network: every logged-in member. Nowhere: only the guide, the coordinators
    of the guide's region and the Landeskoordination, who manage the profile.
    """
    audience = guide.audience(part)
    if audience == Visibility.PUBLIC:
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    if audience == Visibility.NETWORK:
        return True
    return user.has_perm("lotsen.view_guide", guide)


# --- Querysets ------------------------------------------------------------------------------

_Rows = TypeVar("_Rows", bound=models.QuerySet)


def internal_events_condition(user) -> Q | None:
    """The internal events (``events.Event``) ``user`` may see in the calendar, as a condition
    on the event's region and working groups (see ``may_see_internal_event``); ``None`` for no
    internal event."""
    if not is_member(user):
        return None
    region_ids = member_region_ids(user)
    if region_ids is None:
        return Q(is_public=False)
    return Q(is_public=False) & (
        Q(region__isnull=True) | Q(region__in=region_ids) | Q(pk__in=_group_meetings(user))
    )


def visible_to(user, queryset: _Rows) -> _Rows:
    """The rows of ``queryset`` that ``user`` may see in the workspace (not the public pages)."""
    if is_admin(user):
        return queryset
    label = queryset.model._meta.label_lower
    region_ids = coordinated_region_ids(user)
    if region_ids and label in REGION_LOOKUPS:
        condition = Q()
        for lookup in REGION_LOOKUPS[label]:
            condition |= Q(**{f"{lookup}__in": region_ids})
        filtered = queryset.filter(condition)
        # Lookups through many-to-many relations can match one row several times.
        spans_many = any("regions" in lookup for lookup in REGION_LOOKUPS[label])
        return filtered.distinct() if spans_many else filtered
    if is_guide(user) and label == "lotsen.guide":
        return queryset.filter(user=user)
    if is_guide(user) and label == "lotsen.accompaniment":
        return queryset.filter(guide__user=user)
    return queryset.none()
