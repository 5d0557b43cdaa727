from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from newsroom.importer.fixtures import DEMO, fixtures_build


class Command(BaseCommand):
    help = (
        "Rebuild fixtures/newsroom.json by importing fixtures/documents/ over the curated "
        "directory (fixtures/directory.json) and the editors' corrections "
        "(fixtures/corrections.json), in a throwaway database. --check only compares."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail if the committed fixture differs from a rebuild; write nothing.",
        )

    def handle(self, *args, check, **options):
        # A throwaway database, as the test runner makes one: the site's own is not touched.
        old_name = connection.settings_dict["NAME"]
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        try:
            text = fixtures_build()
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        current = DEMO.read_text(encoding="utf-8") if DEMO.exists() else ""
        if check:
            if text != current:
                raise CommandError(f"{DEMO} is not what the importer builds: rebuild it.")
            self.stdout.write(f"{DEMO} is up to date.")
            return
        DEMO.write_text(text, encoding="utf-8")
        state = "unchanged" if text == current else "rewritten"
        self.stdout.write(f"{DEMO}: {state}.")
