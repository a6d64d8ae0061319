from django.urls import path

from organisations.experts import views as expert_views
from organisations.support import views as support_views
from organisations.workspace import views

app_name = "organisations"

urlpatterns = [
    path("workspace/organisations/", views.OrganisationListView.as_view(), name="list"),
    path("workspace/organisations/new/", views.OrganisationCreateView.as_view(), name="create"),
    path(
        "workspace/organisations/<int:pk>/", views.OrganisationDetailView.as_view(), name="detail"
    ),
    path(
        "workspace/organisations/<int:pk>/edit/",
        views.OrganisationUpdateView.as_view(),
        name="update",
    ),
    path(
        "workspace/organisations/<int:pk>/archive/",
        views.OrganisationArchiveView.as_view(),
        name="archive",
    ),
    path(
        "workspace/organisations/<int:pk>/contacts/new/",
        views.ContactPersonCreateView.as_view(parent_field="organisation"),
        name="organisation-contact-create",
    ),
    path(
        "workspace/contacts/<int:pk>/edit/",
        views.ContactPersonUpdateView.as_view(),
        name="contact-update",
    ),
    path(
        "workspace/contacts/<int:pk>/delete/",
        views.ContactPersonDeleteView.as_view(),
        name="contact-delete",
    ),
    # Cooperating agencies
    path("workspace/agencies/", views.AgencyListView.as_view(), name="agency-list"),
    path("workspace/agencies/new/", views.AgencyCreateView.as_view(), name="agency-create"),
    path("workspace/agencies/<int:pk>/", views.AgencyDetailView.as_view(), name="agency-detail"),
    path(
        "workspace/agencies/<int:pk>/edit/",
        views.AgencyUpdateView.as_view(),
        name="agency-update",
    ),
    path(
        "workspace/agencies/<int:pk>/archive/",
        views.AgencyArchiveView.as_view(),
        name="agency-archive",
    ),
    path(
        "workspace/agencies/<int:pk>/contacts/new/",
        views.ContactPersonCreateView.as_view(parent_field="agency"),
        name="agency-contact-create",
    ),
    # Support measures and their follow-ups
    path(
        "workspace/organisations/<int:pk>/support/new/",
        support_views.SupportMeasureCreateView.as_view(),
        name="support-create",
    ),
    path(
        "workspace/support/<int:pk>/edit/",
        support_views.SupportMeasureUpdateView.as_view(),
        name="support-update",
    ),
    path(
        "workspace/support/<int:pk>/delete/",
        support_views.SupportMeasureDeleteView.as_view(),
        name="support-delete",
    ),
    # The expert pool "MO und Arbeitsmarkt"
    path("workspace/experts/", expert_views.ExpertListView.as_view(), name="expert-list"),
    path(
        "workspace/experts/<int:pk>/",
        expert_views.ExpertDetailView.as_view(),
        name="expert-detail",
    ),
    path(
        "workspace/experts/<int:pk>/request/",
        expert_views.ExpertRequestView.as_view(),
        name="expert-request",
    ),
    path(
        "workspace/expert-requests/<int:pk>/decide/",
        expert_views.ExpertRequestDecideView.as_view(),
        name="expert-request-decide",
    ),
    path(
        "experten/anfrage/<str:token>/",
        expert_views.ExpertAnswerView.as_view(),
        name="expert-answer",
    ),
    path(
        "experten/profil/<str:token>/",
        expert_views.ExpertProfileView.as_view(),
        name="expert-profile",
    ),
]
