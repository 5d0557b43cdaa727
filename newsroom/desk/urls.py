from django.urls import path

from newsroom.desk.views import PreviewView

app_name = "desk"
urlpatterns = [
    path("<str:token>/", PreviewView.as_view(), name="preview"),
]
