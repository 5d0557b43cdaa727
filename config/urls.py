from django.contrib import admin
from django.urls import include, path

from newsroom.core.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("berita/", include("newsroom.articles.urls")),
    path("instansi/", include("newsroom.agencies.urls")),
    path("agenda/", include("newsroom.events.urls")),
    path("admin/", admin.site.urls),
]
