from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from newsroom.agencies.models import Agency

DEMO_FIXTURE = settings.BASE_DIR / "fixtures" / "newsroom.json"


class Command(BaseCommand):
    help = (
        "Load the demo content (fixtures/newsroom.json) into an empty site. A site that already "
        "has agencies is left alone unless --force is given, so editors' changes survive."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load even into a site with content."
        )

    def handle(self, *args, force, **options):
        if Agency.objects.exists() and not force:
            self.stdout.write("The site has content already; the demo content was not loaded.")
            return
        call_command("loaddata", DEMO_FIXTURE, verbosity=options["verbosity"])
