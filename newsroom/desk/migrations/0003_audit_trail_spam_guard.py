"""Administrators read the audit trail and keep the spam guard's rules; editors do neither."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

GRANTS = [
    ("core", "view", "transition"),
    *[("core", action, "spamrule") for action in ["add", "change", "delete", "view"]],
]


def grant_administrators(apps, schema_editor):
    # Permissions are normally made after all migrations; the grant needs them now.
    core = apps.get_app_config("core")
    models_module = getattr(core, "models_module", None)
    core.models_module = models_module or True
    create_contenttypes(core, apps=apps, verbosity=0)
    create_permissions(core, apps=apps, verbosity=0)
    core.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Administrator")
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
            for app, action, model in GRANTS
        )
    )


def revoke_administrators(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name="Administrator").first()
    if group:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="core",
                codename__in=[f"{action}_{model}" for _app, action, model in GRANTS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_roles"),
        ("core", "0002_audit_trail_spam_guard"),
    ]

    operations = [migrations.RunPython(grant_administrators, revoke_administrators)]
