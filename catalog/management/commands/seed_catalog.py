"""`manage.py seed_catalog --count N [--seed S]`: generate realistic barrels in batches."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalog import cache_keys, seeding


class Command(BaseCommand):
    help = (
        "Generate realistic barrels (French and American oak; Bordeaux, Burgundy, bourbon, "
        "sherry, port, whisky...; 200 L barrels to 500 L puncheons) with their stock."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="Barrels to create.")
        parser.add_argument(
            "--seed",
            type=int,
            default=42,
            help="Random seed: the same seed gives the same barrels.",
        )
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument(
            "--all-active",
            action="store_true",
            help="Every barrel active (default: ~95%% active, some drafts and archived).",
        )
        parser.add_argument("--sku-prefix", default="VWB")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(
        self,
        *args,
        count: int,
        seed: int,
        batch_size: int,
        all_active: bool,
        sku_prefix: str,
        no_progress: bool,
        **options,
    ):
        if not 1 <= count <= 5_000_000:
            raise CommandError("--count must be between 1 and 5,000,000.")
        if not 1 <= batch_size <= 10_000:
            raise CommandError("--batch-size must be between 1 and 10,000.")
        with tqdm(total=count, unit="barrel", disable=no_progress, file=self.stderr) as bar:
            created = seeding.seed(
                count,
                seed=seed,
                batch_size=batch_size,
                all_active=all_active,
                sku_prefix=sku_prefix,
                progress=bar.update,
            )
        cache_keys.invalidate_barrels([])
        self.stdout.write(self.style.SUCCESS(f"Created {created} barrels."))
