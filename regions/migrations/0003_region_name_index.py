from django.db import migrations

from lotsen.core.migration_operations import german_order_index


class Migration(migrations.Migration):
    dependencies = [("regions", "0002_region_current_status")]

    operations = [german_order_index("regions_region", "regions_region_name_de", "name")]
