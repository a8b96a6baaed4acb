"""The engine-specific full-text index beside search_searchdocument, per database vendor."""

from django.db import migrations

# `scope` holds tokens for kind, committee and publicity, so that filtering and ranking both
# happen inside FTS5 and `ORDER BY rank LIMIT n` never sorts joined rows.
SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, scope, content='', tokenize='unicode61 remove_diacritics 0'
    )
    """,
    "INSERT INTO search_fts (search_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0, 0.0)')",
]
SQLITE_BACKWARD = "DROP TABLE search_fts"

# Title bigrams weigh A, body bigrams B, whole words C; || shifts positions, so a phrase never
# spans two parts.
POSTGRES_FORWARD = [
    """
    ALTER TABLE search_searchdocument ADD COLUMN tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title_terms), 'A')
        || setweight(to_tsvector('simple', body_terms), 'B')
        || setweight(to_tsvector('simple', word_terms), 'C')
    ) STORED
    """,
    "CREATE INDEX search_document_tsv ON search_searchdocument USING gin (tsv)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX search_document_tsv",
    "ALTER TABLE search_searchdocument DROP COLUMN tsv",
]


class VendorSQL(migrations.RunSQL):
    """RunSQL that runs only on one database vendor."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, self.sql, self.reverse_sql], {}

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        VendorSQL("sqlite", SQLITE_FORWARD, SQLITE_BACKWARD),
        VendorSQL("postgresql", POSTGRES_FORWARD, POSTGRES_BACKWARD),
    ]
