"""The audit trail outlives its items and is append-only; the spam guard's rules.

Each step keeps its item's title; a trigger refuses to change or delete a step. On PostgreSQL
it refuses UPDATE and DELETE (an UPDATE that changes nothing, as loading a backup over itself
does, passes). On SQLite it refuses UPDATE only: Django empties SQLite tables with DELETE
(`manage.py flush`, the tests that commit), so there the model and the admin refuse deletion.
SQLite drops a table's triggers when a migration rebuilds the table: a later migration that
alters core_transition on SQLite must create its trigger again (create_triggers below).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

POSTGRESQL_TRIGGER = """
CREATE OR REPLACE FUNCTION core_transition_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW IS NOT DISTINCT FROM OLD THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'core_transition is an append-only audit trail: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_transition_append_only BEFORE UPDATE OR DELETE ON core_transition
    FOR EACH ROW EXECUTE FUNCTION core_transition_append_only();
"""
POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS core_transition_append_only ON core_transition;
DROP FUNCTION IF EXISTS core_transition_append_only();
"""
SQLITE_COLUMNS = [
    "id", "object_id", "action", "from_status", "to_status", "at", "note", "publish_at",
    "by_id", "content_type_id", "findings", "item_title",
]
SQLITE_TRIGGER = f"""
CREATE TRIGGER IF NOT EXISTS core_transition_append_only BEFORE UPDATE ON core_transition
WHEN {" OR ".join(f"NEW.{column} IS NOT OLD.{column}" for column in SQLITE_COLUMNS)}
BEGIN
    SELECT RAISE(ABORT, 'core_transition is an append-only audit trail: UPDATE refused');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS core_transition_append_only;"


def keep_titles(apps, schema_editor):
    """Each step takes its item's title, so that it still says what it was about once the item
    is deleted."""
    Transition = apps.get_model("core", "Transition")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for content_type in ContentType.objects.filter(
        pk__in=Transition.objects.values("content_type")
    ):
        model = apps.get_model(content_type.app_label, content_type.model)
        titles = dict(model.objects.values_list("pk", "title"))
        for step in Transition.objects.filter(content_type=content_type):
            step.item_title = titles.get(step.object_id, "")[:250]
            step.save(update_fields=["item_title"])


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # No parameters: the function's own "%" is not a placeholder.
        schema_editor.execute(POSTGRESQL_TRIGGER, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('core', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='SpamRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('blocked_phrase', 'Refuse this phrase'), ('blocked_domain', 'Refuse links to this domain'), ('allowed_domain', 'Allow links to this domain everywhere'), ('exempt', 'Do not refuse this shipped phrase or domain')], max_length=16, verbose_name='rule')),
                ('value', models.CharField(help_text='A phrase is found in any case, spacing or spelling with digits (“sl0t g4cor”), as whole words. A domain includes its subdomains: “bit.ly”, “go.id”.', max_length=200, verbose_name='phrase or domain')),
                ('note', models.CharField(blank=True, max_length=250, verbose_name='why')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
            ],
            options={
                'verbose_name': 'spam guard rule',
                'verbose_name_plural': 'spam guard rules',
                'ordering': ['kind', 'value'],
            },
        ),
        migrations.AlterModelOptions(
            name='transition',
            options={'get_latest_by': 'at', 'ordering': ['-at', '-id'], 'verbose_name': 'audit trail entry', 'verbose_name_plural': 'audit trail'},
        ),
        migrations.AddField(
            model_name='transition',
            name='findings',
            field=models.JSONField(blank=True, default=list, help_text='What the spam guard found, for a refusal: the field and the phrase or link.', verbose_name='spam found'),
        ),
        migrations.AddField(
            model_name='transition',
            name='item_title',
            field=models.CharField(blank=True, max_length=250, verbose_name='title'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='action',
            field=models.CharField(choices=[('submit', 'Submit for review'), ('send_back', 'Send back'), ('publish', 'Publish now'), ('schedule', 'Schedule'), ('unpublish', 'Unpublish'), ('withdraw', 'Withdraw'), ('recover', 'Recover'), ('restore', 'Restore a revision'), ('refuse', 'Refused as spam')], max_length=16, verbose_name='action'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='by'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='content_type',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='contenttypes.contenttype', verbose_name='type'),
        ),
        migrations.AlterField(
            model_name='transition',
            name='object_id',
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name='item id'),
        ),
        migrations.AddIndex(
            model_name='transition',
            index=models.Index(fields=['action', '-at'], name='core_transition_action_at'),
        ),
        migrations.AddField(
            model_name='spamrule',
            name='created_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by'),
        ),
        migrations.AddConstraint(
            model_name='spamrule',
            constraint=models.UniqueConstraint(fields=('kind', 'value'), name='core_spamrule_once', violation_error_message='This rule exists already.'),
        ),
        migrations.RunPython(keep_titles, migrations.RunPython.noop),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
