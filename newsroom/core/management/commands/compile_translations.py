from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Compile the project's translation catalogues (.po to .mo). Unlike compilemessages, "
        "it needs no GNU gettext on the machine."
    )

    def handle(self, *args, **options):
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                # Fuzzy entries are guesses awaiting review; gettext leaves them out too.
                for entry in catalogue.fuzzy_entries():
                    catalogue.remove(entry)
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                if options["verbosity"]:
                    self.stdout.write(f"Compiled {po_path.relative_to(settings.BASE_DIR)}")
