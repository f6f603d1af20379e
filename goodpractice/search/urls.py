from django.urls import path

from goodpractice.search import views

urlpatterns = [
    path("", views.site_search, name="site_search"),
    path("autocomplete/", views.autocomplete, name="site_search_autocomplete"),
]
