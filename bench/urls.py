from django.http import HttpResponse
from django.urls import path

from config.urls import handler500, urlpatterns  # noqa: F401 (handler500 is read from here)


def bare(request):
    """The baseline: a Django view that does nothing, through the same middleware and server."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *urlpatterns]
