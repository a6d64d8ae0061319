from django.db import migrations

from lotsen.core.migration_operations import PostgreSQLOnly, german_order_index

# The public finder's order (lotsen.public.selectors.guide_finder): guides with a public name
# by name, then the others by id, over the guides it may show at all. The expressions are
# those Django writes for that order; tests/test_list_indexes.py checks that they still match.
FINDER_ORDER = """
    (CASE WHEN name_visibility = 'public' THEN last_name ELSE NULL END COLLATE "de-x-icu")
        NULLS LAST,
    (CASE WHEN name_visibility = 'public' THEN first_name ELSE NULL END),
    id
"""
FINDABLE = "public_profile AND deletion_requested_at IS NULL AND current_status = 'active'"


class Migration(migrations.Migration):
    dependencies = [("lotsen", "0017_guide_current_status")]

    operations = [
        german_order_index("lotsen_guide", "lotsen_guide_name_de", "last_name", "first_name"),
        PostgreSQLOnly(
            sql=f"CREATE INDEX lotsen_guide_finder ON lotsen_guide ({FINDER_ORDER}) "
            f"WHERE {FINDABLE}",
            reverse_sql="DROP INDEX lotsen_guide_finder",
        ),
    ]
