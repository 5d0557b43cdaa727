import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from newsroom.importer.reporting import describe
from newsroom.importer.services import ImportReport, Outcome, document_import
from newsroom.importer.sources import DocumentError, document_paths, source_from_path


class Command(BaseCommand):
    help = (
        "Import news documents (.txt copied from a web page, .html saved pages, or folders of "
        "them) as draft articles linked to the agencies, people and events they name. A "
        "document imported before is left alone; a changed one is reported, and updated only "
        "with --update."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be imported; keep nothing."
        )
        parser.add_argument(
            "--publish", action="store_true", help="Publish the articles and their new events."
        )
        parser.add_argument(
            "--update", action="store_true", help="Update the articles of changed documents."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="Print a machine-readable JSON report instead of text.",
        )
        parser.add_argument("--user", help="The username to record as importer.")

    def handle(self, *args, paths, dry_run, publish, update, as_json, user, **options):
        by = self._user(user)
        missing = [str(path) for path in paths if not path.exists()]
        if missing:
            raise CommandError(f"No such file or folder: {', '.join(missing)}")
        reports = []
        for path in document_paths(paths):
            try:
                source = source_from_path(path)
            except DocumentError as error:
                reports.append(ImportReport(str(path), Outcome.FAILED, message=str(error)))
                continue
            reports.append(
                document_import(
                    source=source, by=by, publish=publish, update=update, dry_run=dry_run
                )
            )
        self._print(reports, as_json=as_json, dry_run=dry_run)
        failed = sum(report.outcome == Outcome.FAILED for report in reports)
        if failed:
            raise CommandError(f"{failed} of {len(reports)} documents could not be imported.")

    def _user(self, username):
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user “{username}”.")
        return user

    def _print(self, reports, *, as_json, dry_run):
        if as_json:
            data = {"dry_run": dry_run, "documents": [report.as_json() for report in reports]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for report in reports:
            self.stdout.write(describe(report, dry_run=dry_run))
        if not reports:
            self.stdout.write("No .txt or .html documents were found.")
