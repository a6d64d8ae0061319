"""Base classes of the API's views: public (no token, cached) and workspace (token, rules)."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers
from drf_spectacular.openapi import AutoSchema
from rest_framework import generics

from lotsen.core.api.conditional import ConditionalGetMixin
from lotsen.core.api.permissions import RulePermission, TokenScopePermission
from lotsen.core.permissions import visible_to


class ApiLanguageMixin:
    """Messages in the language the client asks for with Accept-Language (German by default).

    The pages ignore that header on purpose (``GermanFirstLocaleMiddleware``); a partner's
    system has no language switch, so the API honours it, unless the language cookie is set.
    """

    def initial(self, request, *args, **kwargs):
        # Before authentication, whose failure is answered in this language too.
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            accepted = translation.get_language_from_request(request)
            translation.activate(accepted if accepted in dict(settings.LANGUAGES) else "de")
            request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Language"] = translation.get_language()
        patch_vary_headers(response, ["Accept-Language"])
        return response


class PublicSchema(AutoSchema):
    """Public endpoints: the schema says that no token is needed (an empty requirement)."""

    def get_auth(self):
        return [*super().get_auth(), {}]


class PublicMixin(ConditionalGetMixin, ApiLanguageMixin):
    """Readable without a token; a token is accepted but changes nothing about the answer."""

    schema = PublicSchema()
    permission_classes = [TokenScopePermission]
    http_method_names = ["get", "head", "options"]


class PublicListView(PublicMixin, generics.ListAPIView):
    pass


class PublicDetailView(PublicMixin, generics.RetrieveAPIView):
    pass


class WorkspaceMixin(ApiLanguageMixin):
    """With a token only, for the roles the rules allow; rows through ``visible_to``, so an
    object of another region answers 404."""

    permission_classes = [RulePermission]
    permission_required: str = ""
    write_permission_required: str = ""

    def scoped(self, queryset):
        return visible_to(self.request.user, queryset)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)  # personal data: never kept by a cache
        return response
