from django.contrib import admin
from django.urls import include
from django.urls import path
from django.urls import re_path

from mutua import overview
from mutua.api import api
from mutua.api import unknown_path
from mutua.directory import urls as directory_urls
from mutua.directory import views as directory_views
from mutua.directory.accounts import SignupView

# A view refuses by raising PermissionDenied with its reason; this page shows it.
handler403 = "mutua.core.responses.refused"

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before allauth's own, which it extends (see mutua.directory.accounts).
    path("accounts/signup/", SignupView.as_view(), name="account_signup"),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlang/", directory_views.language_choose, name="set_language"),
    path("api/", api.urls),
    re_path(r"^api/", unknown_path),
    path("import/", include("mutua.importing.urls")),
    # The directory's pages, with those that gather records of several apps.
    path(
        "",
        include(
            (directory_urls.urlpatterns + overview.urlpatterns, directory_urls.app_name)
        ),
    ),
    path("", include("mutua.notifications.urls")),
    path("", include("mutua.exchange.urls")),
    path("", include("mutua.matching.urls")),
    path("", include("mutua.cooperation.urls")),
    path("", include("mutua.monitoring.urls")),
    path("", include("mutua.community.urls")),
    path("", include("mutua.calls.urls")),
    path("", include("mutua.offline.urls")),
]
