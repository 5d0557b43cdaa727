"""AgencyListing: each article under each agency it is linked to and every agency above, with
its status and publication time (see the model). PostgreSQL keeps it by triggers, whatever
writes: statement triggers, so that a COPY or a bulk insert refreshes each article once. Only
names of tables and columns go into these statements; there are no values.

- articles_agency_listing_source: the rows the table should hold, a view over the links, the
  agencies' ancestry (walked to the top; UNION stops at a cycle) and the articles.
- articles_agency_listing_refresh(ids): the rows of these articles, written again.
- Triggers: links inserted, deleted or changed, and articles inserted, refresh their
  articles; articles changed copy their status and time; agencies moved refresh the articles
  of the moved agencies and every agency below them.
"""

import django.db.models.deletion
from django.db import migrations, models

# (name, event, the rows the trigger reads)
LINK_TRIGGERS = [
    ("inserted", "INSERT", "NEW"),
    ("deleted", "DELETE", "OLD"),
    ("updated_from", "UPDATE", "OLD"),
    ("updated_to", "UPDATE", "NEW"),
]
POSTGRESQL_FORWARD = [
    """
    CREATE VIEW articles_agency_listing_source AS
    WITH RECURSIVE ancestry (agency_id, ancestor_id) AS (
        SELECT id, id FROM agencies_agency
        UNION
        SELECT ancestry.agency_id, agency.parent_id
        FROM ancestry JOIN agencies_agency agency ON agency.id = ancestry.ancestor_id
        WHERE agency.parent_id IS NOT NULL
    )
    SELECT DISTINCT ancestry.ancestor_id AS agency_id, link.article_id,
        article.status, article.published_at
    FROM articles_articleagency link
    JOIN ancestry ON ancestry.agency_id = link.agency_id
    JOIN articles_article article ON article.id = link.article_id
    """,
    """
    CREATE FUNCTION articles_agency_listing_refresh(article_ids bigint[]) RETURNS void
    LANGUAGE sql AS $$
        DELETE FROM articles_agencylisting WHERE article_id = ANY(article_ids);
        INSERT INTO articles_agencylisting (agency_id, article_id, status, published_at)
        SELECT agency_id, article_id, status, published_at FROM articles_agency_listing_source
        WHERE article_id = ANY(article_ids);
    $$
    """,
    """
    CREATE FUNCTION articles_agency_listing_links_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM articles_agency_listing_refresh(ARRAY(SELECT DISTINCT article_id FROM changed));
        RETURN NULL;
    END
    $$
    """,
    # One trigger per event and table of rows: a trigger with transition tables has one event.
    # A link changed may have moved to another article: the articles before and after.
    *(
        f"""
        CREATE TRIGGER articles_agency_listing_links_{name} AFTER {event}
        ON articles_articleagency REFERENCING {rows} TABLE AS changed
        FOR EACH STATEMENT EXECUTE FUNCTION articles_agency_listing_links_changed()
        """
        for name, event, rows in LINK_TRIGGERS
    ),
    # An article inserted after its links (a restore defers its foreign keys) has rows too.
    """
    CREATE FUNCTION articles_agency_listing_articles_inserted() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM articles_agency_listing_refresh(ARRAY(SELECT id FROM changed));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_agency_listing_articles_inserted AFTER INSERT
    ON articles_article REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION articles_agency_listing_articles_inserted()
    """,
    """
    CREATE FUNCTION articles_agency_listing_articles_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE articles_agencylisting listing
        SET status = changed.status, published_at = changed.published_at
        FROM changed
        WHERE listing.article_id = changed.id
            AND (listing.status, listing.published_at)
                IS DISTINCT FROM (changed.status, changed.published_at);
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_agency_listing_articles_updated AFTER UPDATE
    ON articles_article REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION articles_agency_listing_articles_updated()
    """,
    """
    CREATE FUNCTION articles_agency_listing_agencies_updated() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM articles_agency_listing_refresh(ARRAY(
            WITH RECURSIVE moved (id) AS (
                SELECT after.id FROM after JOIN before ON before.id = after.id
                WHERE after.parent_id IS DISTINCT FROM before.parent_id
                UNION
                SELECT agency.id FROM agencies_agency agency JOIN moved ON agency.parent_id = moved.id
            )
            SELECT DISTINCT link.article_id
            FROM articles_articleagency link JOIN moved ON moved.id = link.agency_id
        ));
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER articles_agency_listing_agencies_updated AFTER UPDATE
    ON agencies_agency REFERENCING OLD TABLE AS before NEW TABLE AS after
    FOR EACH STATEMENT EXECUTE FUNCTION articles_agency_listing_agencies_updated()
    """,
    # The articles written before this migration.
    """
    INSERT INTO articles_agencylisting (agency_id, article_id, status, published_at)
    SELECT agency_id, article_id, status, published_at FROM articles_agency_listing_source
    """,
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER articles_agency_listing_agencies_updated ON agencies_agency",
    "DROP FUNCTION articles_agency_listing_agencies_updated",
    "DROP TRIGGER articles_agency_listing_articles_updated ON articles_article",
    "DROP FUNCTION articles_agency_listing_articles_updated",
    "DROP TRIGGER articles_agency_listing_articles_inserted ON articles_article",
    "DROP FUNCTION articles_agency_listing_articles_inserted",
    *(
        f"DROP TRIGGER articles_agency_listing_links_{name} ON articles_articleagency"
        for name, _, _ in LINK_TRIGGERS
    ),
    "DROP FUNCTION articles_agency_listing_links_changed",
    "DROP FUNCTION articles_agency_listing_refresh",
    "DROP VIEW articles_agency_listing_source",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run



class Migration(migrations.Migration):

    dependencies = [
        ('agencies', '0002_alter_role_options'),
        ('articles', '0007_listing_index'),
    ]

    operations = [
        migrations.CreateModel(
            name='AgencyListing',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(max_length=16)),
                ('published_at', models.DateTimeField(null=True)),
                ('agency', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='agencies.agency')),
                ('article', models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article')),
            ],
            options={
                'indexes': [models.Index(fields=['agency', 'status', '-published_at', '-article'], name='articles_agency_listing')],
                'constraints': [models.UniqueConstraint(fields=('article', 'agency'), name='articles_listed_once_per_agency')],
            },
        ),
        migrations.RunPython(
            run_on_postgresql(POSTGRESQL_FORWARD),
            run_on_postgresql(POSTGRESQL_BACKWARD),
            elidable=False,
        ),
    ]
