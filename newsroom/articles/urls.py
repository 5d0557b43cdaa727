from django.urls import path

from newsroom.articles import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path("rss.xml", feeds.news_rss, name="rss"),
    path("atom.xml", feeds.news_atom, name="atom"),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
