"""Every save keeps a revision; the history shows differences and restores one in one step; a
deleted article or event comes back as a draft."""

import re

import pytest
from reversion.models import Version

from newsroom.articles.models import Article
from newsroom.core.models import Status
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, EventFactory

pytestmark = pytest.mark.django_db


def save(client, item, **changes):
    opts = item._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{item.pk}/change/"
    response = client.post(url, change_form_data(client.get(url), **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


@pytest.fixture
def article(own_agency):
    return ArticleFactory(
        title="Judul pertama",
        body="<p>Kalimat pertama yang asli.</p>",
        status=Status.DRAFT,
        published_at=None,
        lead_agency=own_agency,
    )


def test_each_save_keeps_a_revision_with_who_and_the_agencies(
    client_as, people, article, other_agency
):
    client = client_as("editor")
    save(
        client,
        article,
        title="Judul kedua",
        **{
            "article_agencies-1-agency": other_agency.pk,
            "article_agencies-1-role": "mentioned",
            "article_agencies-TOTAL_FORMS": "2",
        },
    )
    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == people["editor"]
    assert version.field_dict["title"] == "Judul kedua"
    links = version.revision.version_set.exclude(pk=version.pk)
    assert sorted(link.field_dict["role"] for link in links) == ["lead", "mentioned"]


def test_the_history_shows_differences_and_restores_in_one_step(client_as, article):
    client = client_as("editor")
    save(client, article, title="Judul kedua", body="<p>Kalimat pertama yang asli.</p>")
    save(client, article, title="Judul ketiga", body="<p>Kalimat kedua yang diubah.</p>")
    first, latest = Version.objects.get_for_object(article).order_by("pk")
    # The latest revision is the item as it is: restoring it would change nothing.
    unchanged = client.get(f"/admin/articles/article/{article.pk}/history/{latest.pk}/")
    assert unchanged.context["changes_on_restore"] == []

    history = client.get(f"/admin/articles/article/{article.pk}/history/")
    assert history.status_code == 200
    revision_url = f"/admin/articles/article/{article.pk}/history/{first.pk}/"
    assert revision_url in history.text

    page = client.get(revision_url)
    assert page.status_code == 200
    assert re.search(r"<del>Judul\s*ketiga</del>\s*<ins>Judul\s*kedua</ins>", page.text) or (
        "<del>ketiga</del><ins>kedua</ins>" in page.text
    )
    assert "<del>kedua</del><ins>pertama</ins>" in page.text

    response = client.post(revision_url)
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.body) == ("Judul kedua", "<p>Kalimat pertama yang asli.</p>")
    assert article.status == Status.DRAFT
    assert article.lead_agency is not None
    # The restore is itself a revision, and a step of the item's record.
    assert Version.objects.get_for_object(article).count() == 3
    assert article.transitions.get().action == "restore"


def test_restoring_keeps_the_publication_state(client_as, own_agency):
    client = client_as("editor")
    article = ArticleFactory(title="Terbit", lead_agency=own_agency)
    save(client, article, title="Terbit, lalu diubah")
    save(client, article, title="Terbit, diubah lagi")
    first = Version.objects.get_for_object(article).order_by("pk").first()
    client.post(f"/admin/articles/article/{article.pk}/history/{first.pk}/")
    article.refresh_from_db()
    assert (article.title, article.status) == ("Terbit, lalu diubah", Status.PUBLISHED)


def test_a_contributor_cannot_restore_a_published_item(client_as, own_agency):
    article = ArticleFactory(title="Terbit", lead_agency=own_agency)
    save(client_as("editor"), article, title="Terbit, lalu diubah")
    save(client_as("editor"), article, title="Terbit, diubah lagi")
    first = Version.objects.get_for_object(article).order_by("pk").first()
    response = client_as("contributor").post(
        f"/admin/articles/article/{article.pk}/history/{first.pk}/"
    )
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.title == "Terbit, diubah lagi"


def test_someone_elses_revision_cannot_be_read_through_another_item(client_as, article, own_agency):
    other = ArticleFactory(lead_agency=own_agency)
    save(client_as("editor"), article, title="Judul kedua")
    version = Version.objects.get_for_object(article).get()
    response = client_as("editor").get(f"/admin/articles/article/{other.pk}/history/{version.pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize("model", ["article", "event"])
def test_a_deleted_item_can_be_recovered_as_a_draft(client_as, own_agency, model):
    client = client_as("editor")
    if model == "article":
        item = ArticleFactory(title="Akan dihapus", lead_agency=own_agency)
    else:
        item = EventFactory(title="Akan dihapus", organiser=own_agency)
    opts = item._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    assert client.post(f"{base}{item.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not type(item).objects.filter(pk=item.pk).exists()

    listing = client.get(f"{base}recover/")
    assert listing.status_code == 200
    version = Version.objects.get_deleted(type(item)).get()
    assert f"{base}recover/{version.pk}/" in listing.text
    assert "Akan dihapus" in client.get(f"{base}recover/{version.pk}/").text

    response = client.post(f"{base}recover/{version.pk}/")
    assert response.status_code == 302
    recovered = type(item).objects.get(pk=item.pk)
    assert (recovered.title, recovered.status) == ("Akan dihapus", Status.DRAFT)
    assert recovered.owner_agency_ids() == {own_agency.pk}
    assert recovered.transitions.get().action == "recover"


def test_contributors_cannot_list_or_recover_deleted_items(client_as, own_agency):
    article = ArticleFactory(lead_agency=own_agency)
    client_as("editor").post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
    version = Version.objects.get_deleted(Article).get()
    client = client_as("contributor")
    assert client.get("/admin/articles/article/recover/").status_code == 403
    assert client.post(f"/admin/articles/article/recover/{version.pk}/").status_code == 403
    assert not Article.objects.exists()
