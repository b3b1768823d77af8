from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from kumppani.core.ops_views import healthz_ready

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("kumppani.api.urls")),
    path("healthz", include("kumppani.core.health_urls")),
    path("healthz/ready", healthz_ready, name="healthz-ready"),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("kumppani.core.urls")),
    path("", include("kumppani.geography.urls")),
    path("associations/", include("kumppani.associations.urls")),
    path("people/", include("kumppani.accounts.urls")),
    path("", include("kumppani.cooperation.urls")),
    path("forums/", include("kumppani.forums.urls")),
    path("", include("kumppani.surveys.urls")),
    path("", include("kumppani.proposals.urls")),
    path("grants/", include("kumppani.grants.urls")),
    path("premises/", include("kumppani.premises.urls")),
    path("", include("kumppani.welfare.urls")),
    prefix_default_language=True,
)

# Under /api/ these answer JSON; elsewhere Django's pages (templates in core).
handler400 = "kumppani.api.errors.bad_request"
handler403 = "kumppani.api.errors.permission_denied"
handler404 = "kumppani.api.errors.not_found"
handler500 = "kumppani.api.errors.server_error"
