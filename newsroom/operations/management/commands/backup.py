from pathlib import Path

from django.core.management.base import BaseCommand

from newsroom.operations.backups import site_backup


class Command(BaseCommand):
    help = "Write the site's database content and media files to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Where to write, e.g. newsroom-backup.tar.gz")

    def handle(self, *args, path, **options):
        manifest = site_backup(path=path)
        self.stdout.write(
            f"Backed up the database and {manifest['media_files']} media files to {path}."
        )
