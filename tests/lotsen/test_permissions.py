"""Every rule of lotsen.core.permissions, for every role: allowed or denied as intended."""

import pytest
from django.contrib.auth.models import AnonymousUser

from events.models import EventReport, Registration, ReportPhoto
from lotsen.core import permissions
from lotsen.models.accompaniments import Accompaniment
from lotsen.models.guides import Guide
from lotsen.models.kit import Attestation
from lotsen.models.referrals import ReferralRequest
from newsletters.models import IssueItem, Section
from organisations.models import Agency, ContactPerson, Language, MigrantOrganisation
from tests.factories import (
    AgencyFactory,
    ContactPersonFactory,
    EventFactory,
    OrganisationFactory,
    UserFactory,
)

PERSONAS = ["anonymous", "guide", "other_guide", "other_coordinator", "coordinator", "admin"]
ADMIN = {"admin"}
REGIONAL = {"admin", "coordinator"}
ANY_COORDINATOR = {"admin", "coordinator", "other_coordinator"}
MEMBERS = {"admin", "coordinator", "other_coordinator", "guide", "other_guide"}

# (permission, object, personas that are allowed); every other persona is denied.
MATRIX = [
    ("regions.view_region", "region", REGIONAL),
    ("regions.add_region", None, ADMIN),
    ("regions.change_region", "region", ADMIN),
    ("regions.delete_region", "region", ADMIN),
    ("regions.change_status_region", "region", REGIONAL),
    ("regions.view_regionstatuschange", "region", REGIONAL),
    ("regions.view_dashboard", None, ANY_COORDINATOR),
    ("organisations.view_migrantorganisation", "organisation", REGIONAL),
    ("organisations.add_migrantorganisation", None, ANY_COORDINATOR),
    ("organisations.add_migrantorganisation", "new_organisation", REGIONAL),
    ("organisations.change_migrantorganisation", "organisation", REGIONAL),
    ("organisations.archive_migrantorganisation", "organisation", REGIONAL),
    ("organisations.delete_migrantorganisation", "organisation", ADMIN),
    ("organisations.view_supportmeasure", "support", REGIONAL),
    ("organisations.add_supportmeasure", "support", REGIONAL),
    ("organisations.change_supportmeasure", "support", REGIONAL),
    ("organisations.delete_supportmeasure", "support", REGIONAL),
    ("lotsen.view_contactnote", "note", REGIONAL),
    ("lotsen.view_contactnote", "guide_note", REGIONAL),
    ("lotsen.view_contactnote", "agency_note", REGIONAL),
    ("lotsen.view_contactnote", "statewide_agency_note", ADMIN),
    ("lotsen.add_contactnote", "note", REGIONAL),
    ("lotsen.add_contactnote", "guide_note", REGIONAL),
    ("lotsen.change_contactnote", "guide_note", REGIONAL),
    ("lotsen.change_contactnote", "note", REGIONAL),
    ("lotsen.delete_contactnote", "note", REGIONAL),
    ("organisations.view_expert", None, ANY_COORDINATOR),
    ("organisations.view_expertrequest", "expert_request", REGIONAL),
    ("organisations.add_expertrequest", None, ANY_COORDINATOR),
    ("organisations.add_expertrequest", "expert_request", REGIONAL),
    ("organisations.decide_expertrequest", "expert_request", ADMIN),
    ("organisations.view_agency", "agency", REGIONAL),
    ("organisations.add_agency", None, ANY_COORDINATOR),
    ("organisations.change_agency", "agency", REGIONAL),
    ("organisations.change_agency", "statewide_agency", ADMIN),
    ("organisations.archive_agency", "agency", REGIONAL),
    ("organisations.delete_agency", "agency", ADMIN),
    ("organisations.view_contactperson", "contact", REGIONAL),
    ("organisations.add_contactperson", "contact", REGIONAL),
    ("organisations.change_contactperson", "contact", REGIONAL),
    ("organisations.change_contactperson", "agency_contact", REGIONAL),
    ("organisations.change_contactperson", "statewide_contact", ADMIN),
    ("organisations.delete_contactperson", "contact", REGIONAL),
    ("organisations.change_language", "language", ADMIN),
    # Needs assessment: coordinators invite and read within their regions; the questionnaire
    # is the Landeskoordination's.
    ("organisations.view_needsinvitation", None, ANY_COORDINATOR),
    ("organisations.view_needsinvitation", "needs_invitation", REGIONAL),
    ("organisations.add_needsinvitation", None, ANY_COORDINATOR),
    ("organisations.add_needsinvitation", "organisation", REGIONAL),
    ("organisations.view_needs_results", None, ANY_COORDINATOR),
    ("organisations.change_needsinvitation", "needs_invitation", ADMIN),
    ("organisations.view_needsanswer", "needs_answer", ADMIN),
    ("organisations.add_questionnaireversion", None, ADMIN),
    ("organisations.change_question", None, ADMIN),
    ("lotsen.view_guide", "guide", {"admin", "coordinator", "guide"}),
    ("lotsen.add_guide", None, ANY_COORDINATOR),
    ("lotsen.change_guide", "guide", {"admin", "coordinator", "guide"}),
    ("lotsen.change_status_guide", "guide", REGIONAL),
    ("lotsen.delete_guide", "guide", ADMIN),
    ("lotsen.invite_guide", "guide", REGIONAL),
    ("lotsen.search_guides", None, ANY_COORDINATOR),
    ("lotsen.confirm_deletion_guide", "guide", ADMIN),
    ("lotsen.import_data", None, ANY_COORDINATOR),
    ("lotsen.view_completedtraining", "training", REGIONAL),
    ("lotsen.add_completedtraining", "training", REGIONAL),
    ("lotsen.change_user", "guide_account", ADMIN),
    ("events.view_event", "event", REGIONAL),
    ("events.add_event", None, ANY_COORDINATOR),
    ("events.add_event", "statewide_event", ADMIN),
    ("events.change_event", "event", REGIONAL),
    ("events.change_event", "statewide_event", ADMIN),
    ("events.delete_event", "event", ADMIN),
    ("events.view_eventreport", "report", REGIONAL),
    # Internal dates in the calendar: the members of the event's region (both guides are of the
    # coordinator's region), the statewide ones for every member.
    ("events.view_internal_event", "event", {"admin", "coordinator", "guide", "other_guide"}),
    ("events.view_internal_event", "statewide_event", MEMBERS),
    ("lotsen.view_members_area", None, MEMBERS),
    ("events.add_eventreport", "report", REGIONAL),
    ("events.change_eventreport", "report", REGIONAL),
    ("events.add_reportphoto", "photo", REGIONAL),
    ("events.change_reportphoto", "photo", REGIONAL),
    ("events.delete_reportphoto", "photo", REGIONAL),
    ("events.view_registration", "registration", REGIONAL),
    ("events.change_registration", "registration", REGIONAL),
    ("lotsen.view_certificate", "training", {"admin", "coordinator", "guide"}),
    ("newsletters.view_issue", None, ANY_COORDINATOR),
    ("newsletters.view_issueitem", "regional_item", REGIONAL),
    ("newsletters.add_issueitem", None, ANY_COORDINATOR),
    ("newsletters.add_issueitem", "regional_item", REGIONAL),
    ("newsletters.change_issueitem", "regional_item", REGIONAL),
    ("newsletters.change_issueitem", "lead_item", ADMIN),
    ("newsletters.delete_issueitem", "regional_item", REGIONAL),
    ("newsletters.delete_issueitem", "lead_item", ADMIN),
    ("newsletters.manage_newsletter", None, ADMIN),
    ("newsletters.export_report", None, ADMIN),
    ("newsletters.view_delivery", None, ADMIN),
    ("lotsen.manage_staff", None, ADMIN),
    # Legal texts: the Landeskoordination publishes versions; nobody changes or deletes one.
    ("lotsen.view_legaltext", None, ADMIN),
    ("lotsen.add_legaltext", None, ADMIN),
    ("lotsen.change_legaltext", None, set()),
    ("lotsen.delete_legaltext", None, set()),
    ("lotsen.add_accompaniment", None, {"guide", "other_guide"}),
    ("lotsen.change_accompaniment", "accompaniment", {"guide"}),
    ("lotsen.view_accompaniment", None, ANY_COORDINATOR),
    ("lotsen.view_accompaniment", "accompaniment", REGIONAL),
    ("lotsen.view_impact", None, ANY_COORDINATOR),
    ("lotsen.view_kit", "guide", {"admin", "coordinator", "guide"}),
    ("lotsen.issue_attestation", "guide", {"coordinator"}),
    ("lotsen.revoke_attestation", "attestation", REGIONAL),
    ("lotsen.view_referralrequest", "referral", REGIONAL),
    ("lotsen.view_referralrequest", "statewide_referral", ADMIN),
    ("lotsen.change_referralrequest", "referral", REGIONAL),
    ("lotsen.change_referralrequest", "statewide_referral", ADMIN),
    ("lotsen.view_document", "members_document", MEMBERS),
    ("lotsen.view_document", "coordinators_document", ANY_COORDINATOR),
    ("lotsen.view_document", "group_document", {"admin", "guide"}),
    ("lotsen.add_document", None, ANY_COORDINATOR),
    ("lotsen.add_document", "members_document", REGIONAL),
    ("lotsen.change_document", "members_document", REGIONAL),
    ("lotsen.change_document", "group_document", ADMIN),
    ("lotsen.view_workinggroup", "working_group", {"admin", "guide"}),
    ("lotsen.add_workinggroup", None, ADMIN),
    ("lotsen.change_workinggroup", "working_group", ADMIN),
    ("lotsen.add_message", None, ANY_COORDINATOR),
    ("lotsen.view_message", "message", REGIONAL),
    ("lotsen.change_messagesettings", None, MEMBERS),
]


@pytest.fixture
def personas(admin_user, coordinator, other_coordinator, guide, other_guide):
    return {
        "anonymous": AnonymousUser(),
        "guide": guide.user,
        "other_guide": other_guide.user,
        "other_coordinator": other_coordinator,
        "coordinator": coordinator,
        "admin": admin_user,
    }


@pytest.fixture
def objects(region, guide):
    from lotsen.models import ContactNote, Document, Message, WorkingGroup
    from lotsen.models.guides import CompletedTraining
    from organisations.models import ExpertRequest, NeedsAnswer, NeedsInvitation, SupportMeasure

    organisation = OrganisationFactory(region=region)
    agency = AgencyFactory(regions=[region])
    # The guide is the working group's only member.
    group = WorkingGroup.objects.create(name="Facharbeitskreis Anerkennung")
    group.members.add(guide.user)
    sender = UserFactory(email="frueher-koordination@example.org", role="coordinator")
    message = Message.objects.create(sender=sender, audience="region_guides", subject="S", body="B")
    message.regions.add(region)
    statewide_agency = AgencyFactory(regions=[])
    event = EventFactory(region=region)
    return {
        None: None,
        "region": region,
        "organisation": organisation,
        "new_organisation": MigrantOrganisation(name="Neu e.V.", region=region, city="Bochum"),
        "support": SupportMeasure(organisation=organisation, kind="coaching"),
        "needs_invitation": NeedsInvitation(organisation=organisation, email="mo@example.org"),
        "needs_answer": NeedsAnswer(
            invitation=NeedsInvitation(organisation=organisation, email="mo@example.org")
        ),
        "agency": agency,
        "statewide_agency": statewide_agency,
        "expert_request": ExpertRequest(region=region),
        "note": ContactNote(organisation=organisation, kind="call"),
        "guide_note": ContactNote(guide=guide, kind="call", shareable=True),
        "agency_note": ContactNote(agency=agency, kind="call"),
        "statewide_agency_note": ContactNote(agency=statewide_agency, kind="call"),
        "contact": ContactPersonFactory(organisation=organisation),
        "agency_contact": ContactPerson(name="Demo", agency=agency),
        "statewide_contact": ContactPerson(name="Demo", agency=statewide_agency),
        "language": Language(name="Tamil"),
        "guide": guide,
        "training": CompletedTraining(guide=guide, title="Grundlagen"),
        "guide_account": guide.user,
        "event": event,
        "statewide_event": EventFactory(region=None),
        "report": EventReport(event=event, headline="Auftakt"),
        "registration": Registration(event=event, name="Aylin Demir"),
        "photo": ReportPhoto(report=EventReport(event=event), alt_text="Gruppenfoto"),
        "regional_item": IssueItem(section=Section.REGIONAL, region=region, headline="Auftakt"),
        "lead_item": IssueItem(section=Section.LEAD, headline="Austausch in Hagen"),
        "accompaniment": Accompaniment(guide=guide, region=region, kind="jobcenter"),
        "attestation": Attestation(guide=guide, region=region),
        "referral": ReferralRequest(region=region, organisation="Jobcenter Hagen"),
        "statewide_referral": ReferralRequest(region=None, organisation="Jobcenter Hagen"),
        "members_document": Document(region=region, audience="members", title="Protokoll"),
        "coordinators_document": Document(region=region, audience="coordinators", title="Plan"),
        "group_document": Document(audience="group", group=group, title="AK-Protokoll"),
        "working_group": group,
        "message": message,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("perm", "obj", "allowed"), MATRIX, ids=[f"{p}[{o}]" for p, o, _ in MATRIX]
)
def test_rule(personas, objects, persona, perm, obj, allowed):
    user = personas[persona]
    assert user.has_perm(perm, objects[obj]) is (persona in allowed)


def test_every_named_rule_has_a_row_in_the_matrix():
    assert set(permissions.RULES) <= {perm for perm, _obj, _allowed in MATRIX}


def test_every_model_permission_is_decided(db):
    """No model is left without a rule: unknown permissions would silently deny everyone."""
    import rules
    from django.apps import apps

    for model in apps.get_models():
        assert rules.perm_exists(f"{model._meta.app_label}.change_{model._meta.model_name}")


def test_deactivated_admin_may_do_nothing(admin_user, region):
    admin_user.is_active = False
    assert not admin_user.has_perm("regions.change_region", region)
    assert not admin_user.is_staff


# --- Querysets: what a user sees in the workspace -------------------------------------------


def test_coordinator_sees_only_their_regions_rows(coordinator, region, other_region):
    mine = OrganisationFactory(region=region)
    OrganisationFactory(region=other_region)
    shared = AgencyFactory(regions=[region, other_region])
    AgencyFactory(regions=[other_region])
    AgencyFactory(regions=[])

    orgs = permissions.visible_to(coordinator, MigrantOrganisation.objects.all())
    agencies = permissions.visible_to(coordinator, Agency.objects.all())

    assert list(orgs) == [mine]
    assert list(agencies) == [shared]  # once, although it matches through two regions


def test_contact_persons_follow_their_organisation_or_agency(coordinator, region, other_region):
    mine = ContactPersonFactory(organisation=OrganisationFactory(region=region))
    of_agency = ContactPerson.objects.create(name="Demo", agency=AgencyFactory(regions=[region]))
    ContactPersonFactory(organisation=OrganisationFactory(region=other_region))

    visible = permissions.visible_to(coordinator, ContactPerson.objects.all())
    assert set(visible) == {mine, of_agency}


def test_guide_sees_only_their_own_profile(guide, other_guide):
    assert list(permissions.visible_to(guide.user, Guide.objects.all())) == [guide]
    assert not permissions.visible_to(guide.user, MigrantOrganisation.objects.all()).exists()


def test_anonymous_sees_nothing_in_the_workspace(region):
    OrganisationFactory(region=region)
    visible = permissions.visible_to(AnonymousUser(), MigrantOrganisation.objects.all())
    assert not visible.exists()


def test_admin_sees_everything(admin_user, region, other_region):
    OrganisationFactory(region=region)
    OrganisationFactory(region=other_region)
    assert permissions.visible_to(admin_user, MigrantOrganisation.objects.all()).count() == 2


def test_revoking_a_region_takes_effect_on_the_next_request(coordinator, region):
    from lotsen.models.accounts import User

    organisation = OrganisationFactory(region=region)
    assert coordinator.has_perm("organisations.change_migrantorganisation", organisation)

    region.coordinators.remove(coordinator)
    next_request_user = User.objects.get(pk=coordinator.pk)
    assert not next_request_user.has_perm("organisations.change_migrantorganisation", organisation)
    visible = permissions.visible_to(next_request_user, MigrantOrganisation.objects.all())
    assert not visible.exists()


def test_coordinator_without_regions_may_add_nothing(db):
    from lotsen.core.roles import Role

    lonely = UserFactory(role=Role.COORDINATOR)
    assert not lonely.has_perm("organisations.add_migrantorganisation")


# --- Parts of a guide's profile -------------------------------------------------------------

SEES = {
    # visibility chosen by the guide: personas who see that part
    "public": set(PERSONAS),
    "network": set(PERSONAS) - {"anonymous"},
    "nobody": {"guide", "coordinator", "admin"},
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("visibility", SEES)
def test_who_sees_a_part_of_a_guides_profile(personas, guide, persona, visibility):
    guide.public_profile = True
    guide.languages_visibility = visibility
    expected = persona in SEES[visibility]
    assert permissions.may_see(personas[persona], guide, "languages") is expected


def test_public_part_without_public_profile_stays_in_the_network(personas, guide):
    guide.public_profile = False
    guide.name_visibility = "public"
    assert not permissions.may_see(personas["anonymous"], guide, "name")
    assert permissions.may_see(personas["other_guide"], guide, "name")


def test_a_guide_sees_only_their_own_accompaniments(guide, other_guide, coordinator):
    mine = Accompaniment.objects.create(guide=guide, region=guide.region, kind="jobcenter")
    theirs = Accompaniment.objects.create(
        guide=other_guide, region=other_guide.region, kind="other"
    )
    assert list(permissions.visible_to(guide.user, Accompaniment.objects.all())) == [mine]
    assert set(permissions.visible_to(coordinator, Accompaniment.objects.all())) == {mine, theirs}
