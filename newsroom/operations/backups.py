"""Backups of a whole site: its database content and its media files, in one archive.

The archive holds data.backup (every row as JSON, times to the microsecond, primary keys kept,
content types by natural key so that it loads into any freshly migrated database), the media
files under media/, and manifest.json (when, from which schema). Restoring checks the schema
first, copies the media through the storage backend, then loads the data in one transaction, so
a failing load leaves no half of it behind.
"""

import json
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor

# 2: the data to the microsecond, in data.backup (newsroom/operations/serializers.py).
FORMAT_VERSION = 2
DATA = "data.backup"
# Rows that migrate recreates, that the database works out itself from the rest (on a
# restore, PostgreSQL lists the articles under their agencies again), or not worth keeping.
EXCLUDED_MODELS = ["contenttypes", "auth.permission", "sessions", "articles.AgencyListing"]


def applied_migrations() -> list[str]:
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return sorted(f"{app}.{name}" for app, name in executor.loader.applied_migrations)


def media_files(directory: str = ""):
    """Every file in the default storage, as storage names."""
    directories, files = default_storage.listdir(directory or ".")
    for name in files:
        yield f"{directory}/{name}" if directory else name
    for name in directories:
        yield from media_files(f"{directory}/{name}" if directory else name)


def site_backup(*, path: Path) -> dict:
    """Write the archive to path and say what it holds."""
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / DATA
        call_command(
            "dumpdata", exclude=EXCLUDED_MODELS, natural_foreign=True, output=str(data),
            format="backup", verbosity=0,
        )  # fmt: skip
        media = list(media_files()) if _storage_exists() else []
        manifest = {
            "format": FORMAT_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "migrations": applied_migrations(),
            "media_files": len(media),
        }
        (Path(scratch) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(scratch) / "manifest.json", arcname="manifest.json")
            archive.add(data, arcname=DATA)
            for name in media:
                with default_storage.open(name) as media_file:
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = default_storage.size(name)
                    archive.addfile(info, media_file)
        # Only a complete archive takes the final name.
        partial.replace(path)
    return manifest


def _storage_exists() -> bool:
    try:
        default_storage.listdir(".")
    except FileNotFoundError:
        return False
    return True


def site_restore(*, path: Path) -> dict:
    """Load an archive made by site_backup into this site's database and storage."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            return _restore_from(archive, path)
    except (OSError, EOFError, tarfile.TarError) as error:
        raise ValidationError(f"{path} is not a readable Newsroom backup: {error}") from error


def _restore_from(archive: tarfile.TarFile, path: Path) -> dict:
    with tempfile.TemporaryDirectory() as scratch:
        try:
            manifest = json.load(archive.extractfile("manifest.json"))
        except (KeyError, ValueError) as error:
            raise ValidationError(f"{path} has no readable manifest.json.") from error
        if manifest.get("format") != FORMAT_VERSION:
            raise ValidationError(
                f"{path} is in backup format {manifest.get('format')}; this version of Newsroom "
                f"reads format {FORMAT_VERSION}."
            )
        missing = sorted(set(manifest["migrations"]) - set(applied_migrations()))
        if missing:
            raise ValidationError(
                "This database lacks migrations the backup was made with; run "
                f"`manage.py migrate` first (missing: {', '.join(missing[:5])}…)."
            )
        archive.extract(DATA, scratch, filter="data")
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("media/"):
                name = member.name.removeprefix("media/")
                if default_storage.exists(name):
                    default_storage.delete(name)
                default_storage.save(name, File(archive.extractfile(member), name=name))
        with transaction.atomic():
            call_command("loaddata", str(Path(scratch) / DATA), verbosity=0)
    return manifest
