"""The `Managers` group: reads reports and enters the Wagtail admin; no right to change orders."""

from django.db import migrations

GROUP = "Managers"


def create_managers_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    reporting_type, _ = ContentType.objects.get_or_create(
        app_label="reporting", model="reportaccess"
    )
    view_reports, _ = Permission.objects.get_or_create(
        content_type=reporting_type,
        codename="view_reports",
        defaults={"name": "Can read and download reports"},
    )
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(view_reports, access_admin)


def remove_managers_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_managers_group, remove_managers_group)]
