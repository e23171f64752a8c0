from django.urls import path
from django.urls import re_path

from . import views

app_name = "importing"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("done/", views.done, name="done"),
    path("jobs/<uuid:uuid>/", views.job, name="job"),
    re_path(
        r"^template/(?P<kind>organizations|requests|offers)\.csv$",
        views.template,
        name="template",
    ),
]
