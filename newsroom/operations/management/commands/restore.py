from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from newsroom.agencies.models import Agency
from newsroom.articles.models import Article
from newsroom.operations.backups import site_restore


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into a freshly migrated, empty site. "
        "A site that already has content is refused unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--force", action="store_true", help="Load over existing content (same keys win)."
        )

    def handle(self, *args, path, force, **options):
        if not force and (Agency.objects.exists() or Article.objects.exists()):
            raise CommandError(
                "This site has content already. Restore into an empty database, or use --force."
            )
        try:
            manifest = site_restore(path=path)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Restored the backup of {manifest['created']} "
            f"({manifest['media_files']} media files) from {path}."
        )
