"""The desk's roles, as groups of permissions. Edit a role's permissions in the admin (Groups);
run this again (migrate desk 0001, then migrate) to reset them."""

from django.contrib.auth.management import create_permissions
from django.contrib.contenttypes.management import create_contenttypes
from django.db import migrations

CONTENT = {
    "articles": ["article", "articleagency"],
    "events": ["event", "eventagency"],
}
DIRECTORY = {
    "articles": ["topic"],
    "agencies": ["agency", "agencyalias", "person", "role"],
}
ALL = ["add", "change", "delete", "view"]

# Contributors write and edit their agencies' drafts, and look up what they link to.
CONTRIBUTOR = [
    *[(app, action, model) for app, models in CONTENT.items() for model in models for action in ALL if action != "delete" or model.endswith("agency")],
    *[(app, "view", model) for app, models in DIRECTORY.items() for model in models],
]
# Editors do everything with content and the directory, and publish.
EDITOR = [
    *[(app, action, model) for group in (CONTENT, DIRECTORY) for app, models in group.items() for model in models for action in ALL],
    ("articles", "publish", "article"),
    ("events", "publish", "event"),
]
# Administrators also manage people's accounts, their roles and their agencies.
ADMINISTRATOR = [
    *EDITOR,
    *[("auth", action, "user") for action in ALL],
    *[("auth", action, "group") for action in ALL],
    ("auth", "view", "permission"),
    *[("desk", action, "membership") for action in ALL],
]
ROLES = {"Contributor": CONTRIBUTOR, "Editor": EDITOR, "Administrator": ADMINISTRATOR}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
            for app, action, model in grants
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_initial"),
        ("articles", "0003_desk"),
        ("events", "0002_desk"),
        ("agencies", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
