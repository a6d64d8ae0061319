from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from events.models import ReportPhoto
        from events.photos.services import delete_file_after_commit

        post_delete.connect(
            delete_file_after_commit, sender=ReportPhoto, dispatch_uid="report-photo-file"
        )
