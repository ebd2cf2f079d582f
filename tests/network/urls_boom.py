from django.contrib.auth.decorators import login_not_required
from django.urls import path

from config.urls import handler500  # noqa: F401  (the project's 500 handler)
from config.urls import urlpatterns as project_urlpatterns


@login_not_required
def boom(request):
    raise RuntimeError("boom-secret")


urlpatterns = [path("boom/", boom), *project_urlpatterns]
