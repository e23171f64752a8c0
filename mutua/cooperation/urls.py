from django.urls import path

from . import views

app_name = "cooperation"

urlpatterns = [
    path("partnerships/<uuid:uuid>/", views.partnership_detail, name="partnership"),
]
