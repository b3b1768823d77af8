from django.contrib import admin

from kumppani.cooperation import models


@admin.register(models.Liaison)
class LiaisonAdmin(admin.ModelAdmin):
    list_display = ("name", "municipality", "unit", "hours_per_month", "is_public")
    list_filter = ("is_public",)
    search_fields = ("name", "email", "municipality__name_fi")
    raw_id_fields = ("user", "municipality")


@admin.register(models.GuideTemplate)
class GuideTemplateAdmin(admin.ModelAdmin):
    list_display = ("name", "is_default", "updated_at")


@admin.register(models.GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ("title_fi", "origin_municipality")
    raw_id_fields = ("origin_municipality", "created_by")


for model in (
    models.AgentPairing,
    models.Body,
    models.BodyMember,
    models.PartnershipAgreement,
    models.Guide,
    models.GuideVersion,
    models.CycleEntry,
    models.Adoption,
):
    admin.site.register(model)
