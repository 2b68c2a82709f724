"""Editors and Moderators groups with the Wagtail permissions of the editorial workflow.

Wagtail's own initial data creates both groups on a fresh database; this makes their
permissions exactly what this project needs (idempotent: safe on existing databases).

- Editors: reach the admin, add / edit / publish / lock pages anywhere in the tree, submit them
  for moderation, upload and choose images and documents.
- Moderators: everything editors can do, plus unlock any page, approve or reject moderation
  tasks (Wagtail's default "Moderators approval" workflow), manage redirects and read the
  contact messages.
"""

from django.db import migrations

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "unlock_page"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
MODERATOR_GLOBAL = [
    ("wagtailredirects", "redirect", "add_redirect", "Can add redirect"),
    ("wagtailredirects", "redirect", "change_redirect", "Can change redirect"),
    ("wagtailredirects", "redirect", "delete_redirect", "Can delete redirect"),
    ("cms_pages", "contactmessage", "view_contactmessage", "Can view contact message"),
]


def _permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or codename}
    )
    return permission


def set_up_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    access_admin = _permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()

    for group_name, page_codenames in (
        ("Editors", EDITOR_PAGE_PERMISSIONS),
        ("Moderators", MODERATOR_PAGE_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(access_admin)
        if root_page is not None:
            for codename in page_codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=_permission(apps, "wagtailcore", "page", codename),
                )
        if root_collection is not None:
            for model, codenames in (("image", IMAGE_PERMISSIONS), ("document", DOCUMENT_PERMISSIONS)):
                app_label = "wagtailimages" if model == "image" else "wagtaildocs"
                for codename in codenames:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=_permission(apps, app_label, model, codename),
                    )
        if group_name == "Moderators":
            for app_label, model, codename, name in MODERATOR_GLOBAL:
                group.permissions.add(_permission(apps, app_label, model, codename, name))


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0001_pages"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(set_up_groups, migrations.RunPython.noop)]
