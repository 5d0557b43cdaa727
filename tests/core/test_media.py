"""Uploaded media in the embedded default: served by Django only when NEWSROOM_SERVE_MEDIA is on."""

import pytest
from django.conf import settings

from tests.factories import ArticleFactory, image_file


@pytest.mark.django_db
@pytest.mark.skipif(
    not settings.NEWSROOM_SERVE_MEDIA,
    reason="media are served by Django only in the embedded default",
)
def test_the_embedded_default_serves_uploaded_images(client, settings, tmp_path):
    # The media view was set up with the MEDIA_ROOT of the start; files go there too.
    article = ArticleFactory(lead_image=image_file(), lead_image_alt="Foto")
    try:
        response = client.get(article.lead_image.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert client.get("/media/../config/settings.py").status_code in {400, 404}
    finally:
        article.lead_image.delete(save=False)
