"""Messages to groups: compose (recipients, preview, test to oneself, send), the record of
sent messages, and each account's choices (language, opting out)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView

from lotsen.core.workspace import WorkspaceMixin
from lotsen.documents.views import MemberMixin
from lotsen.messages import services
from lotsen.messages.forms import AudienceForm, MessageForm, SettingsForm
from lotsen.messages.selectors import guide_filter, messages_for, recipients_of
from lotsen.models import MessageAudience, MessageSettings
from regions.models import Region

AUDIENCE_KEYS = ("audience", "event", "group")
PREVIEW_NAMES = 50


class MessageListView(WorkspaceMixin, ListView):
    permission_required = "lotsen.add_message"
    template_name = "lotsen/messages/message_list.html"
    context_object_name = "sent_messages"
    paginate_by = 50

    def get_queryset(self):
        return messages_for(self.request.user)


class MessageDetailView(WorkspaceMixin, DetailView):
    permission_required = "lotsen.view_message"
    template_name = "lotsen/messages/message_detail.html"
    context_object_name = "sent_message"

    def has_permission(self) -> bool:
        return self.request.user.has_perm("lotsen.add_message")

    def get_queryset(self):
        return messages_for(self.request.user).prefetch_related("recipients", "regions")

    def get_object(self, queryset=None):
        message = super().get_object(queryset)
        if not self.request.user.has_perm(self.permission_required, message):
            raise PermissionDenied
        return message


def _describe(audience: str, cleaned: dict, user) -> tuple[str, str]:
    """The recipients in words for the record, and the event or group name for the footer."""
    if audience == MessageAudience.EVENT_REGISTRANTS:
        about = cleaned["event"].title
        return _("Registrants of “%(event)s”") % {"event": cleaned["event"]}, about
    if audience == MessageAudience.GROUP:
        about = cleaned["group"].name
        return _("Working group “%(group)s”") % {"group": about}, about
    if audience == MessageAudience.REGION_GUIDES:
        names = ", ".join(Region.objects.filter(coordinators=user).values_list("name", flat=True))
        return (_("Guides of %(regions)s") % {"regions": names} if names else _("Guides")), ""
    return str(MessageAudience(audience).label), ""


class MessageCreateView(WorkspaceMixin, TemplateView):
    """GET chooses the recipients (the guide list's filters for guides); POST previews,
    sends a test to oneself, or sends."""

    permission_required = "lotsen.add_message"
    template_name = "lotsen/messages/message_form.html"

    def _recipients(self, query: QueryDict):
        user = self.request.user
        audience_form = AudienceForm(query if "audience" in query else None, user=user)
        filters = query.copy()
        for key in AUDIENCE_KEYS:
            filters.pop(key, None)
        self.filterset = guide_filter(user, filters.urlencode())
        self.audience_form = audience_form
        if not audience_form.is_bound or not audience_form.is_valid():
            return None
        cleaned = audience_form.cleaned_data
        return recipients_of(
            user=user,
            audience=cleaned["audience"],
            event=cleaned.get("event"),
            group=cleaned.get("group"),
            filters=filters.urlencode(),
        )

    def get(self, request, *args, **kwargs):
        recipients = self._recipients(request.GET)
        return self.render_to_response(
            self.get_context_data(
                recipients=recipients, form=MessageForm(), query=request.GET.urlencode()
            )
        )

    def post(self, request, *args, **kwargs):
        query = QueryDict(request.POST.get("query", "")[:4000])
        recipients = self._recipients(query)
        form = MessageForm(request.POST)
        context = {"recipients": recipients, "form": form, "query": query.urlencode()}
        if recipients is None or not form.is_valid():
            return self.render_to_response(self.get_context_data(**context), status=200)
        cleaned = self.audience_form.cleaned_data
        audience = cleaned["audience"]
        description, about = _describe(audience, cleaned, request.user)
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        action = request.POST.get("action")
        if action == "test":
            services.send_test(sender=request.user, subject=subject, body=body,
                               audience=audience, about=about)  # fmt: skip
            messages.success(
                request, _("A test was sent to %(email)s.") % {"email": request.user.email}
            )
            context["preview"] = True
        elif action == "send":
            try:
                sent = services.send_message(
                    sender=request.user, audience=audience, audience_description=description,
                    recipients=recipients, subject=subject, body=body, about=about,
                    event=cleaned.get("event"), group=cleaned.get("group"),
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The message is being sent to %(count)d recipients.")
                    % {"count": len(recipients)},
                )
                return redirect("messages:detail", pk=sent.pk)
        else:
            context["preview"] = True
        context["description"] = description
        return self.render_to_response(self.get_context_data(**context))

    def get_context_data(self, **kwargs):
        recipients = kwargs.get("recipients")
        audience = self.audience_form.data.get("audience") if self.audience_form.is_bound else ""
        return super().get_context_data(
            audience_form=self.audience_form,
            filter=self.filterset,
            shows_guide_filters=audience == MessageAudience.REGION_GUIDES,
            preview_names=recipients[:PREVIEW_NAMES] if recipients else [],
            **kwargs,
        )


class SettingsView(MemberMixin, TemplateView):
    """Every account holder: the language of messages, and opting out of them."""

    template_name = "lotsen/messages/settings_form.html"

    def _settings(self):
        return MessageSettings.objects.filter(user=self.request.user).first() or MessageSettings(
            user=self.request.user
        )

    def get(self, request, *args, **kwargs):
        form = SettingsForm(instance=self._settings())
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = SettingsForm(request.POST, instance=self._settings())
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.save_settings(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your choices for messages were saved."))
        return redirect("messages:preferences")
