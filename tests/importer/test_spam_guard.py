"""The importer refuses to publish spam, or to put it into a public article with --update;
the refusal is recorded and mailed, and nothing of the document is kept."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from newsroom.articles.models import Article
from newsroom.core.models import Transition
from newsroom.events.models import Event
from tests.factories import UserFactory
from tests.importer.conftest import OPTIKA

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(roles):
    return UserFactory(username="administrator", role="Administrator", email="admin@example.go.id")


def run_import(path, *options):
    output = StringIO()
    call_command("import_documents", str(path), *options, stdout=output)
    return output.getvalue()


def write_document(tmp_path, text):
    path = tmp_path / "berita.txt"
    path.write_text(text, encoding="utf-8")
    return path


IMPORTED_PAYLOADS = {
    "phrase in the headline": ("Kemendagri Sosialisasi Indeks", "Slot Gacor Maxwin Sosialisasi"),
    "letter-spaced phrase in the text": ("Tak hanya itu,", "Tak hanya itu, s l o t g a c o r,"),
    "blocked link in the text": ("Tak hanya itu,", "Daftar di heylink.me/situs. Tak hanya itu,"),
}


@pytest.mark.usefixtures("curated_directory")
@pytest.mark.parametrize("payload", IMPORTED_PAYLOADS)
def test_the_importer_refuses_to_publish_spam(
    tmp_path, administrator, django_capture_on_commit_callbacks, payload
):
    original, spam = IMPORTED_PAYLOADS[payload]
    text = OPTIKA.read_text(encoding="utf-8").replace(original, spam)
    output = StringIO()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CommandError, match="1 of 1"),
    ):
        call_command(
            "import_documents", str(write_document(tmp_path, text)), "--publish", stdout=output
        )
    assert "terlihat seperti spam" in output.getvalue()
    assert not Article.objects.exists()
    assert not Event.objects.exists()
    refusal = Transition.objects.get(action="refuse")
    assert refusal.object_id is None
    assert refusal.by is None
    assert len(mail.outbox) == 1


@pytest.mark.usefixtures("curated_directory")
def test_the_importer_refuses_to_update_a_public_article_with_spam(tmp_path, administrator):
    text = OPTIKA.read_text(encoding="utf-8")
    call_command(
        "import_documents", str(write_document(tmp_path, text)), "--publish", stdout=StringIO()
    )
    article = Article.objects.get()
    changed = text.replace("Tak hanya itu,", "Tak hanya itu, kunjungi situs toto,")
    with pytest.raises(CommandError):
        call_command(
            "import_documents",
            str(write_document(tmp_path, changed)),
            "--update",
            stdout=StringIO(),
        )
    article.refresh_from_db()
    assert "situs toto" not in article.body
    assert Transition.objects.get(action="refuse").object_id == article.pk


@pytest.mark.usefixtures("curated_directory")
def test_a_dry_run_records_no_refusal(tmp_path):
    text = OPTIKA.read_text(encoding="utf-8").replace("Tak hanya itu,", "Slot gacor,")
    with pytest.raises(CommandError):
        call_command(
            "import_documents",
            str(write_document(tmp_path, text)),
            "--publish",
            "--dry-run",
            stdout=StringIO(),
        )
    assert not Transition.objects.exists()
