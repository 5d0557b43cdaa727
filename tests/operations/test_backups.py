import difflib
import io
import tarfile

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from PIL import Image

from newsroom.agencies.models import Agency, Person
from newsroom.articles.models import Article, Topic
from newsroom.events.models import Event


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "maroon").save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="webinar.png")


# Every public surface that lists or counts anything, beside each item's own pages.
LISTS = [
    "/", "/en/", "/berita/", "/berita/?agency=kemendagri", "/berita/?q=pemilu", "/instansi/",
    "/agenda/", "/agenda/?when=past", "/agenda/bulan/?month=2023-01", "/agenda/kalender.ics",
    "/berita/rss.xml", "/berita/atom.xml", "/sitemap.xml", "/sitemap-articles.xml",
    "/sitemap-events.xml", "/sitemap-agencies.xml", "/sitemap-topics.xml", "/sitemap-people.xml",
    "/robots.txt", "/api/v1/articles/", "/api/v1/events/", "/api/v1/agencies/",
    "/api/v1/people/", "/api/v1/topics/",
]  # fmt: skip


def public_pages(client):
    paths = list(LISTS)
    for article in Article.objects.published():
        paths += [article.get_absolute_url(), f"/api/v1/articles/{article.slug}/"]
    for event in Event.objects.published():
        paths += [event.get_absolute_url(), f"{event.get_absolute_url()}kalender.ics"]
    paths += [agency.get_absolute_url() for agency in Agency.objects.all()]
    paths += [topic.get_absolute_url() for topic in Topic.objects.all()]
    paths += [f"/tokoh/{person.slug}/" for person in Person.objects.filter(articles__isnull=False)]
    pages = {path: client.get(path) for path in paths}
    assert all(response.status_code == 200 for response in pages.values())
    return {path: response.content for path, response in pages.items()}


@pytest.fixture
def site(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("loaddata", settings.BASE_DIR / "fixtures" / "newsroom.json", verbosity=0)
    article = Article.objects.get(slug="kemendagri-sosialisasi-indeks-kerawanan-pemilu-2024")
    article.lead_image = png()
    article.lead_image_alt = "Layar webinar"
    article.save()
    return article


def test_a_restore_into_an_empty_database_gives_the_same_pages(client, site, tmp_path):
    before = public_pages(client)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", archive, stdout=io.StringIO())

    call_command("flush", interactive=False, verbosity=0)
    (settings.MEDIA_ROOT / site.lead_image.name).unlink()
    assert not Article.objects.exists()

    call_command("restore", archive, stdout=io.StringIO())
    after = public_pages(client)
    assert after.keys() == before.keys()
    for path, page in before.items():
        difference = difflib.unified_diff(
            page.decode().splitlines(), after[path].decode().splitlines(), lineterm=""
        )
        assert after[path] == page, f"{path} differs:\n" + "\n".join(difference)
    with Article.objects.get(pk=site.pk).lead_image.open("rb") as image:
        assert image.read(8) == b"\x89PNG\r\n\x1a\n"


def test_restore_refuses_a_site_with_content(site, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", archive, stdout=io.StringIO())
    with pytest.raises(CommandError, match="has content already"):
        call_command("restore", archive)


@pytest.mark.django_db
@pytest.mark.parametrize("content", [b"", b"not an archive", b"\x1f\x8b\x08broken"])
def test_restore_explains_a_file_that_is_not_a_backup(tmp_path, content):
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match="not a readable Newsroom backup"):
        call_command("restore", bad)


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_a_newer_schema(tmp_path):
    archive = tmp_path / "future.tar.gz"
    manifest = b'{"format": 2, "created": "x", "migrations": ["articles.9999_future"]}'
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    with pytest.raises(CommandError, match=r"run `manage\.py migrate` first"):
        call_command("restore", archive)
