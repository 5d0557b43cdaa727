from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from newsroom.core.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("berita/", include("newsroom.articles.urls")),
    path("instansi/", include("newsroom.agencies.urls")),
    path("agenda/", include("newsroom.events.urls")),
    path("pratinjau/", include("newsroom.desk.urls")),
    path("admin/", admin.site.urls),
]

if settings.NEWSROOM_SERVE_MEDIA:
    # The embedded default only (see NEWSROOM_SERVE_MEDIA): production serves media elsewhere.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
