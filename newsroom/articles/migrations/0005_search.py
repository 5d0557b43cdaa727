"""Full-text search, in each database's own engine (see newsroom/articles/search.py).

PostgreSQL: a tsvector column the database generates from the title, summary and body with the
`indonesian` configuration, under a GIN index. SQLite: an FTS5 table over the same columns,
kept in step by triggers. The model knows neither: the database maintains them on every write,
whatever makes it (the admin, the importer, a restore, bulk_create).
"""

from django.db import migrations

SQLITE_TABLE = "articles_article_search"
POSTGRESQL_DOCUMENT = (
    "setweight(to_tsvector('indonesian'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('indonesian'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('indonesian'::regconfig, coalesce(body, '')), 'C')"
)

POSTGRESQL_FORWARD = [
    "ALTER TABLE articles_article ADD COLUMN search_document tsvector "
    f"GENERATED ALWAYS AS ({POSTGRESQL_DOCUMENT}) STORED",
    "CREATE INDEX articles_article_search ON articles_article USING gin (search_document)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX articles_article_search",
    "ALTER TABLE articles_article DROP COLUMN search_document",
]

COLUMNS = "title, summary, body"
SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE {SQLITE_TABLE} USING fts5({COLUMNS}, content='articles_article', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {SQLITE_TABLE}_insert AFTER INSERT ON articles_article BEGIN "
    f"INSERT INTO {SQLITE_TABLE}(rowid, {COLUMNS}) VALUES (new.id, new.title, new.summary, new.body); "
    "END",
    f"CREATE TRIGGER {SQLITE_TABLE}_delete AFTER DELETE ON articles_article BEGIN "
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, {COLUMNS}) "
    "VALUES ('delete', old.id, old.title, old.summary, old.body); "
    "END",
    f"CREATE TRIGGER {SQLITE_TABLE}_update AFTER UPDATE OF {COLUMNS} ON articles_article BEGIN "
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}, rowid, {COLUMNS}) "
    "VALUES ('delete', old.id, old.title, old.summary, old.body); "
    f"INSERT INTO {SQLITE_TABLE}(rowid, {COLUMNS}) VALUES (new.id, new.title, new.summary, new.body); "
    "END",
    # Articles written before this migration.
    f"INSERT INTO {SQLITE_TABLE}({SQLITE_TABLE}) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER {SQLITE_TABLE}_insert",
    f"DROP TRIGGER {SQLITE_TABLE}_delete",
    f"DROP TRIGGER {SQLITE_TABLE}_update",
    f"DROP TABLE {SQLITE_TABLE}",
]


def run_for_vendor(statements):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0004_alter_articleagency_options"),
    ]

    operations = [
        migrations.RunPython(
            run_for_vendor({"postgresql": POSTGRESQL_FORWARD, "sqlite": SQLITE_FORWARD}),
            run_for_vendor({"postgresql": POSTGRESQL_BACKWARD, "sqlite": SQLITE_BACKWARD}),
            elidable=False,
        ),
    ]
