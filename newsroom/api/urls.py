from django.urls import path, re_path
from django.views.decorators.http import conditional_page

from newsroom.api import views

app_name = "api"
urlpatterns = [
    path("v1/articles/", views.ArticleList.as_view(), name="article-list"),
    path("v1/articles/<slug:slug>/", views.ArticleDetail.as_view(), name="article-detail"),
    path("v1/events/", views.EventList.as_view(), name="event-list"),
    path("v1/events/<slug:slug>/", views.EventDetail.as_view(), name="event-detail"),
    path("v1/agencies/", views.AgencyList.as_view(), name="agency-list"),
    path("v1/agencies/<slug:slug>/", views.AgencyDetail.as_view(), name="agency-detail"),
    path("v1/people/", views.PersonList.as_view(), name="person-list"),
    path("v1/people/<slug:slug>/", views.PersonDetail.as_view(), name="person-detail"),
    path("v1/topics/", views.TopicList.as_view(), name="topic-list"),
    path("v1/topics/<slug:slug>/", views.TopicDetail.as_view(), name="topic-detail"),
    path("v1/openapi.json", conditional_page(views.OpenAPIView.as_view()), name="openapi"),
    path("v1/docs/", conditional_page(views.DocumentationView.as_view()), name="docs"),
    re_path(r"^", views.not_found),
]
