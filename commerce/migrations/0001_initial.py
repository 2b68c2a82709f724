from django.db import migrations


class Migration(migrations.Migration):
    """Empty root, so the areas of commerce (orders, payments, shipping) can branch from it."""

    initial = True
    dependencies = [("accounts", "0001_initial"), ("catalog", "0001_initial")]
    operations: list = []
