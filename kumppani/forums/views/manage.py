"""The organiser's pages: create and edit, invite, registrations, attendance, minutes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kumppani.accounts import access as base_access
from kumppani.associations.models import Association
from kumppani.core.forms import apply_validation_error
from kumppani.forums import access
from kumppani.forums.forms import (
    AttendanceForm,
    ForumForm,
    InviteForm,
    OutcomeForm,
    WalkInForm,
)
from kumppani.forums.models import ACTIVE_STATUSES, Forum
from kumppani.forums.selectors import forum_places, forum_registrations
from kumppani.forums.services.attendance import walk_in_add, walk_in_delete
from kumppani.forums.services.forums import (
    attendance_record,
    forum_create,
    forum_record_outcome,
    forum_update,
)
from kumppani.forums.services.invitations import invitation_batch_create
from kumppani.forums.views.helpers import (
    agents_for,
    bodies_for,
    current_user,
    get_forum,
    organisable_municipalities,
    organisable_regions,
)
from kumppani.geography.models import Municipality


def _forum_form(request: HttpRequest, instance: Forum | None = None) -> ForumForm:
    municipalities = organisable_municipalities(current_user(request))
    if instance is not None:
        # A joint forum keeps the partner municipalities its co-organisers chose.
        municipalities = municipalities | Municipality.objects.filter(
            pk__in=[m.pk for m in instance.municipalities.all()]
        )
    initial = {}
    if instance is None and request.GET.get("municipality"):
        chosen = municipalities.filter(code=request.GET["municipality"]).first()
        if chosen is not None:
            initial["municipalities"] = [chosen.pk]
    return ForumForm(
        request.POST or None,
        instance=instance,
        initial=initial,
        municipalities=municipalities,
        regions=organisable_regions(current_user(request)),
        bodies=bodies_for(municipalities),
        agents=agents_for(municipalities),
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    base_access.require(access.can_create_any_forum(request.user), request)
    form = _forum_form(request)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipalities = list(data.pop("municipalities"))
        region = data.get("region")
        allowed = all(access.can_organise_in(request.user, m) for m in municipalities) and (
            region is None or access.can_organise_in_region(request.user, region)
        )
        base_access.require(allowed, request)
        user = current_user(request)
        if municipalities and not any(
            access.is_municipal_organiser(user, m) for m in municipalities
        ):
            # An association agent co-organises; the forum has no liaison organiser yet.
            data["co_organiser"] = user
            data["liaison"] = None
        try:
            forum = forum_create(actor=user, municipalities=municipalities, **data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The forum was created."))
            return redirect(forum)
    return render(request, "forums/form.html", {"form": form, "forum": None})


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    base_access.require(access.can_manage_forum(request.user, forum), request)
    form = _forum_form(request, forum)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipalities = list(data.pop("municipalities"))
        try:
            forum_update(
                forum=forum,
                actor=current_user(request),
                municipalities=municipalities,
                **data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(forum)
    return render(request, "forums/form.html", {"form": form, "forum": forum})


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, pk: int) -> HttpResponse:
    """One action: invite every association (or a category) of the forum's municipalities."""
    forum = get_forum(pk)
    base_access.require(access.can_manage_forum(request.user, forum), request)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_batch_create(
                forum=forum,
                created_by=current_user(request),
                categories=form.cleaned_data["categories"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("The invitations are on their way. Each representative gets one email."),
            )
            return redirect("forums:invite", pk=forum.pk)
    batches = forum.invitation_batches.select_related("created_by").prefetch_related("categories")
    return render(request, "forums/invite.html", {"forum": forum, "form": form, "batches": batches})


@require_http_methods(["GET"])
def registrations(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    base_access.require(access.can_manage_forum(request.user, forum), request)
    context = {
        "forum": forum,
        "registrations": forum_registrations(forum),
        "places": forum_places(forum),
    }
    return render(request, "forums/registrations.html", context)


@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    base_access.require(access.can_manage_forum(request.user, forum), request)
    registered = forum.registrations.filter(
        status__in=ACTIVE_STATUSES, association__isnull=False
    ).values("association_id")
    came = forum.attendance.values("association_id")
    candidates = Association.objects.filter(pk__in=registered) | Association.objects.filter(
        pk__in=came
    )
    candidates = candidates.order_by("name_fi")
    action = request.POST.get("action", "associations") if request.method == "POST" else ""
    form = AttendanceForm(
        request.POST if action == "associations" else None,
        associations=candidates,
        initial={"associations": list(forum.attendance.values_list("association_id", flat=True))},
    )
    walk_in_form = WalkInForm(request.POST if action == "walk_in" else None, prefix="walk_in")
    if action == "associations" and form.is_valid():
        try:
            count = attendance_record(
                forum=forum,
                associations=form.cleaned_data["associations"],
                actor=current_user(request),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Attendance saved: %(count)s associations came.") % {"count": count},
            )
            return redirect(forum)
    if action == "walk_in" and walk_in_form.is_valid():
        try:
            walk_in = walk_in_add(
                forum=forum, actor=current_user(request), **walk_in_form.cleaned_data
            )
        except ValidationError as error:
            apply_validation_error(walk_in_form, error)
        else:
            messages.success(request, _("%(name)s was added.") % {"name": walk_in.name})
            return redirect("forums:attendance", pk=forum.pk)
    if action == "remove_walk_in":
        chosen = request.POST.get("walk_in", "")
        found = forum.walk_ins.filter(pk=int(chosen)).first() if chosen.isdigit() else None
        if found is not None:
            walk_in_delete(walk_in=found, actor=current_user(request))
            messages.success(request, _("%(name)s was removed.") % {"name": found.name})
        return redirect("forums:attendance", pk=forum.pk)
    context = {
        "forum": forum,
        "form": form,
        "walk_in_form": walk_in_form,
        "walk_ins": list(forum.walk_ins.all()),
    }
    return render(request, "forums/attendance.html", context)


@require_http_methods(["GET", "POST"])
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_forum(pk)
    base_access.require(access.can_manage_forum(request.user, forum), request)
    form = OutcomeForm(request.POST or None, instance=forum)
    if request.method == "POST" and form.is_valid():
        try:
            forum_record_outcome(
                forum=forum,
                minutes=form.cleaned_data["minutes"],
                outcomes=form.cleaned_data["outcomes"],
                actor=base_access.authenticated_user(request),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The minutes and outcomes were saved."))
            return redirect(forum)
    return render(request, "forums/outcome.html", {"forum": forum, "form": form})
