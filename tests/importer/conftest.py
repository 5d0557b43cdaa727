import pytest
from django.conf import settings
from django.core.management import call_command

from newsroom.agencies.recognition import AgencyDirectory
from newsroom.importer.fixtures import DIRECTORY
from newsroom.importer.sources import source_from_bytes

DOCUMENTS = settings.BASE_DIR / "fixtures" / "documents"
OPTIKA = DOCUMENTS / "002_851e416d30129f50.txt"
INDRAMAYU = DOCUMENTS / "000_7b8681155a5a743b.txt"
LABELLED = settings.BASE_DIR / "tests" / "importer" / "documents"


@pytest.fixture(scope="session")
def directory():
    """The curated directory, read from its file: extraction needs no database."""
    return AgencyDirectory.from_fixture(DIRECTORY)


@pytest.fixture
def curated_directory(db):
    """The curated directory in the database, as the import reads it."""
    call_command("loaddata", DIRECTORY, verbosity=0)


def text_source(text: str, name: str = "berita.txt"):
    return source_from_bytes(name, text.encode())
