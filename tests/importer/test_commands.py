import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from newsroom.articles.models import Article
from tests.importer.conftest import DOCUMENTS, INDRAMAYU, OPTIKA


def run(*args):
    output = StringIO()
    call_command("import_documents", *args, stdout=output)
    return output.getvalue()


@pytest.mark.usefixtures("curated_directory")
def test_a_folder_is_imported_as_drafts_and_reported_in_json():
    report = json.loads(run(str(DOCUMENTS), "--json"))
    documents = {document["document"]: document for document in report["documents"]}
    assert set(documents) == {OPTIKA.name, INDRAMAYU.name}
    assert {document["outcome"] for document in documents.values()} == {"created"}
    indramayu = documents[INDRAMAYU.name]
    assert indramayu["article"]["status"] == "draft"
    assert indramayu["extraction"]["headline_proposed"] is True
    assert indramayu["extraction"]["published_at"] == "2023-01-03T12:00:00+07:00"
    assert indramayu["extraction"]["events"][0]["day"] == "2023-01-03"
    assert Article.objects.count() == 2
    again = json.loads(run(str(OPTIKA), str(INDRAMAYU), "--json"))
    assert [d["outcome"] for d in again["documents"]] == ["unchanged", "unchanged"]


@pytest.mark.usefixtures("curated_directory")
def test_a_dry_run_says_what_would_be_done_and_keeps_nothing():
    output = run(str(OPTIKA), "--dry-run")
    assert "Kemendagri Sosialisasi Indeks Kerawanan Pemilu 2024" in output
    assert "ditjen-polpum" in output
    assert not Article.objects.exists()


@pytest.mark.usefixtures("curated_directory")
def test_publish():
    run(str(OPTIKA), "--publish")
    assert Article.objects.published().count() == 1


@pytest.mark.django_db
def test_unreadable_documents_are_reported_and_fail_the_command(tmp_path):
    (tmp_path / "kosong.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "catatan.pdf").write_bytes(b"%PDF")
    output = StringIO()
    with pytest.raises(CommandError, match="1 of 1 documents"):
        call_command("import_documents", str(tmp_path), stdout=output)
    assert "kosong.txt" in output.getvalue()
    assert "bukan dokumen teks" in output.getvalue()
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_documents", str(tmp_path / "tidak-ada.txt"))
    with pytest.raises(CommandError, match="No user"):
        call_command("import_documents", str(tmp_path), "--user", "siapa")


def test_the_evaluation_prints_the_figures():
    output = StringIO()
    call_command("evaluate_importer", stdout=output)
    text = output.getvalue()
    for measure in ["headline", "publication time", "agencies", "people", "events"]:
        assert measure in text
    assert "documents                18" in text


def test_build_fixtures_check_runs_in_a_throwaway_database(tmp_path):
    """As a person runs it: against a site database that it leaves alone."""
    site = tmp_path / "site.sqlite3"
    environment = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{site}"}
    environment.pop("CACHE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "build_fixtures", "--check"],
        cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "is up to date" in result.stdout
