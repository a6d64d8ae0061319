from django.db import migrations

from lotsen.core.migration_operations import german_order_index


class Migration(migrations.Migration):
    dependencies = [("organisations", "0005_needs_assessment")]

    operations = [
        german_order_index("organisations_migrantorganisation", "organisations_name_de", "name"),
        german_order_index("organisations_agency", "organisations_agency_name_de", "name"),
    ]
