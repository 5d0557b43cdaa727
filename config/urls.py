from django.contrib import admin
from django.urls import include, path

from newsroom.core.views import HomeView
from newsroom.operations.views import health

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("berita/", include("newsroom.articles.urls")),
    path("instansi/", include("newsroom.agencies.urls")),
    path("agenda/", include("newsroom.events.urls")),
    path("admin/", admin.site.urls),
    path("healthz", health, name="health"),
]

handler500 = "newsroom.operations.views.server_error_or_unavailable"
