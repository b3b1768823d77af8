from django.urls import path

from kumppani.cooperation.views import cycle, guide, practices, structures

app_name = "cooperation"
M = "municipalities/<str:code>/"
urlpatterns = [
    # liaisons and agents
    path(M + "contacts/", structures.contacts, name="contacts"),
    path(M + "contacts/manage/", structures.liaisons_manage, name="liaisons_manage"),
    path("liaisons/<int:pk>/edit/", structures.liaison_edit, name="liaison_edit"),
    path("liaisons/<int:pk>/delete/", structures.liaison_delete, name="liaison_delete"),
    path("liaisons/<int:pk>/agents/", structures.agent_add, name="agent_add"),
    path("agents/<int:pk>/remove/", structures.agent_remove, name="agent_remove"),
    # bodies
    path(M + "bodies/", structures.bodies, name="bodies"),
    path(M + "bodies/new/", structures.body_create, name="body_create"),
    path("bodies/<int:pk>/", structures.body, name="body"),
    path("bodies/<int:pk>/edit/", structures.body_edit, name="body_edit"),
    path("bodies/<int:pk>/members/", structures.body_members, name="body_members"),
    path("body-members/<int:pk>/remove/", structures.body_member_remove, name="body_member_remove"),
    # partnership agreements
    path(M + "agreements/", structures.agreements, name="agreements"),
    path(M + "agreements/new/", structures.agreement_create, name="agreement_create"),
    path("agreements/<int:pk>/", structures.agreement, name="agreement"),
    path("agreements/<int:pk>/edit/", structures.agreement_edit, name="agreement_edit"),
    path(
        "agreements/<int:pk>/attachment/",
        structures.agreement_attachment,
        name="agreement_attachment",
    ),
    # the cooperation guide
    path("guide-template/", guide.guide_template, name="guide_template"),
    path(M + "guide/", guide.guide, name="guide"),
    path(M + "guide/guide.pdf", guide.guide_pdf, name="guide_pdf"),
    path(M + "guide/edit/", guide.guide_edit, name="guide_edit"),
    path(M + "guide/start/", guide.guide_start, name="guide_start"),
    path(M + "guide/publish/", guide.guide_publish, name="guide_publish"),
    path(M + "guide/versions/", guide.guide_versions, name="guide_versions"),
    path(M + "guide/versions/<int:number>/", guide.guide_version, name="guide_version"),
    path(M + "guide/versions/<int:number>/compare/", guide.guide_compare, name="guide_compare"),
    # the annual cycle
    path(M + "annual-cycle/", cycle.cycle, name="cycle"),
    path(M + "annual-cycle/new/", cycle.cycle_entry_create, name="cycle_entry_create"),
    path("annual-cycle-entries/<int:pk>/edit/", cycle.cycle_entry_edit, name="cycle_entry_edit"),
    path(
        "annual-cycle-entries/<int:pk>/delete/",
        cycle.cycle_entry_delete,
        name="cycle_entry_delete",
    ),
    # good practices
    path("practices/", practices.practices, name="practices"),
    path("practices/new/", practices.practice_create, name="practice_create"),
    path("practices/<int:pk>/", practices.practice, name="practice"),
    path("practices/<int:pk>/edit/", practices.practice_edit, name="practice_edit"),
    path("practices/<int:pk>/adopt/", practices.practice_adopt, name="practice_adopt"),
    path("practices/<int:pk>/material/", practices.practice_material, name="practice_material"),
]
