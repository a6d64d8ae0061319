"""Migration operations for what only PostgreSQL, the production database, understands."""

from django.db import migrations

from lotsen.core.search import GERMAN_COLLATION


class PostgreSQLOnly(migrations.RunSQL):
    """SQL run on PostgreSQL and skipped elsewhere: the tests also run on SQLite, which has no
    ICU collations. The schema Django tracks is unchanged either way."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def german_order_index(table: str, name: str, *text_columns: str) -> PostgreSQLOnly:
    """An index in the order of ``lotsen.core.search.german`` on ``text_columns``, then the
    primary key: a list sorted so can read its first page from the index and stop."""
    collated = ", ".join(f'("{column}" COLLATE "{GERMAN_COLLATION}")' for column in text_columns)
    return PostgreSQLOnly(
        sql=f'CREATE INDEX "{name}" ON "{table}" ({collated}, "id")',
        reverse_sql=f'DROP INDEX "{name}"',
    )
