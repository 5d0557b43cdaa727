"""Two people editing the same item: the second save is refused, shows the other person's
changes, and keeps what was typed."""

import pytest

from newsroom.core.models import Status
from tests.admin_forms import change_form_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_second_save_is_refused_and_loses_nothing(client, people, own_agency):
    article = ArticleFactory(
        title="Judul awal",
        summary="Ringkasan awal.",
        status=Status.DRAFT,
        published_at=None,
        lead_agency=own_agency,
    )
    url = f"/admin/articles/article/{article.pk}/change/"
    first, second = type(client)(), type(client)()
    first.force_login(people["editor"])
    second.force_login(UserFactory(username="redaktur2", role="Editor"))
    # Both open the form, then both save.
    first_form, second_form = first.get(url), second.get(url)
    assert (
        first.post(url, change_form_data(first_form, title="Judul dari redaktur satu")).status_code
        == 302
    )

    typed = change_form_data(second_form, summary="Ringkasan yang diketik redaktur dua.")
    response = second.post(url, typed)

    assert response.status_code == 200
    assert "Orang lain menyimpan ini selagi Anda menyunting" in response.text
    # The other person's change is shown...
    assert "<del>dari redaktur satu</del><ins>awal</ins>" in response.text
    # ...and what was typed is still in the form.
    assert "Ringkasan yang diketik redaktur dua." in response.text
    article.refresh_from_db()
    assert (article.title, article.summary) == ("Judul dari redaktur satu", "Ringkasan awal.")

    # Having seen the differences, saving the form again keeps the second person's version.
    form = response.context["adminform"].form
    again = second.post(url, {**typed, "edit_token": form["edit_token"].value()})
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.summary == "Ringkasan yang diketik redaktur dua."


def test_saving_twice_in_a_row_is_no_conflict(client_as, own_agency):
    client = client_as("editor")
    article = ArticleFactory(lead_agency=own_agency, status=Status.DRAFT, published_at=None)
    url = f"/admin/articles/article/{article.pk}/change/"
    assert client.post(url, change_form_data(client.get(url), title="Satu")).status_code == 302
    assert client.post(url, change_form_data(client.get(url), title="Dua")).status_code == 302
