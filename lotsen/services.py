import datetime

from django.db import transaction

from lotsen.models import Guide, GuideStatus, GuideStatusChange
from lotsen.status_history import record_status_change


@transaction.atomic
def set_guide_status(
    *,
    guide: Guide,
    status: GuideStatus | str,
    valid_from: datetime.date,
    note: str = "",
    recorded_by=None,
) -> GuideStatusChange:
    """Record the guide's status from ``valid_from`` on, keeping the history.

    Raises ``ValidationError`` for a date in the future.
    """
    return record_status_change(
        history=GuideStatusChange,
        owner="guide",
        instance=guide,
        status=GuideStatus(status),
        valid_from=valid_from,
        note=note,
        recorded_by=recorded_by,
    )
