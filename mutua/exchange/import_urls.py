from django.urls import path, re_path

from . import import_views

app_name = "importing"
urlpatterns = [
    path("", import_views.upload, name="upload"),
    path("done/", import_views.done, name="done"),
    path("jobs/<uuid:uuid>/", import_views.job, name="job"),
    re_path(
        r"^template/(?P<kind>organizations|requests|offers)\.csv$",
        import_views.template,
        name="template",
    ),
]
