from lotsen.core.api.views import PublicDetailView, PublicListView
from regions.api import selectors
from regions.api.serializers import RegionSerializer


class RegionList(PublicListView):
    """Every region of the network with its cooperation status today and its history."""

    serializer_class = RegionSerializer
    ordering = ("slug",)

    def get_queryset(self):
        return selectors.regions_with_history()

    def last_modified(self):
        return selectors.regions_changed_at()


class RegionDetail(PublicDetailView):
    """One region with its cooperation status today and its history."""

    serializer_class = RegionSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.regions_with_history()

    def last_modified(self):
        return selectors.regions_changed_at()
