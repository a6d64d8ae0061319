import datetime

from django.db import transaction

from lotsen.core.status_history import record_status_change
from regions.models import CooperationStatus, Region, RegionStatusChange


@transaction.atomic
def set_cooperation_status(
    *,
    region: Region,
    status: CooperationStatus | str,
    valid_from: datetime.date,
    note: str = "",
    recorded_by=None,
) -> RegionStatusChange:
    """Record the region's cooperation status from ``valid_from`` on, keeping the history.

    Raises ``ValidationError`` for a date in the future.
    """
    return record_status_change(
        history=RegionStatusChange,
        owner="region",
        instance=region,
        status=CooperationStatus(status),
        valid_from=valid_from,
        note=note,
        recorded_by=recorded_by,
    )
