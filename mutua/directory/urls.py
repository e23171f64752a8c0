from django.urls import path

from . import views

app_name = "directory"
urlpatterns: list = [
    path("countries/", views.country_list, name="countries"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/new/", views.organization_new, name="organization_new"),
    path(
        "organizations/<uuid:uuid>/edit/",
        views.organization_edit,
        name="organization_edit",
    ),
    path(
        "organizations/<uuid:uuid>/members/",
        views.organization_members,
        name="organization_members",
    ),
    path(
        "organizations/<uuid:uuid>/members/<int:pk>/remove/",
        views.member_remove,
        name="member_remove",
    ),
    path("roles/", views.role_list, name="roles"),
    path("roles/<int:pk>/revoke/", views.role_revoke, name="role_revoke"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("me/profile/", views.profile, name="profile"),
]
