from django.db import migrations

from lotsen.core.migration_operations import PostgreSQLOnly

# The members' directory's order (lotsen.members.selectors.directory_guides): guides who share
# their name with the network by name, then the others by id, over the guides it lists at all.
# As the finder's index (0018), checked by tests/test_list_indexes.py.
SHARED_NAME = "name_visibility IN ('public', 'network')"
DIRECTORY_ORDER = f"""
    (CASE WHEN {SHARED_NAME} THEN last_name ELSE NULL END COLLATE "de-x-icu") NULLS LAST,
    (CASE WHEN {SHARED_NAME} THEN first_name ELSE NULL END),
    id
"""
LISTED = "deletion_requested_at IS NULL AND current_status IN ('active', 'in_training', 'paused')"


class Migration(migrations.Migration):
    dependencies = [("lotsen", "0018_guide_list_indexes")]

    operations = [
        PostgreSQLOnly(
            sql=f"CREATE INDEX lotsen_guide_members ON lotsen_guide ({DIRECTORY_ORDER}) "
            f"WHERE {LISTED}",
            reverse_sql="DROP INDEX lotsen_guide_members",
        ),
    ]
