"""Public pages: the forum list and event page; registration and cancellation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts import access as base_access
from kumppani.associations.models import Association
from kumppani.core.markdown import render_markdown
from kumppani.forums import access
from kumppani.forums.forms import ForumFilterForm, RegistrationEditForm, RegistrationForm
from kumppani.forums.models import Forum, ForumStatus, Registration
from kumppani.forums.selectors import (
    ForumFilter,
    forum_detail,
    forum_list,
    forum_places,
    user_registrations_for,
)
from kumppani.forums.services.registrations import (
    registration_cancel,
    registration_closes,
    registration_create,
    registration_update,
)
from kumppani.forums.views.helpers import current_user, municipality_choices

PAGE_SIZE = 20


@require_GET
def forum_list_view(request: HttpRequest) -> HttpResponse:
    form = ForumFilterForm(request.GET or None, municipalities=municipality_choices())
    when = "past" if request.GET.get("when") == "past" else "upcoming"
    filters = ForumFilter(when=when)
    if form.is_bound and form.is_valid():
        filters = ForumFilter(**form.cleaned_data, when=when)
    paginator = Paginator(forum_list(filters=filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "when": when,
        "can_create": access.can_create_any_forum(request.user),
    }
    return render(request, "forums/list.html", context)


def _registration_form(
    request: HttpRequest, forum: Forum, data: object = None
) -> RegistrationForm | None:
    user = request.user
    if not access.can_register_somehow(user, forum):
        return None
    roles = base_access.roles_of(user)
    associations = Association.objects.filter(pk__in=roles.associations).order_by("name_fi")
    return RegistrationForm(
        data,
        associations=associations,
        association_required=forum.region_id is None,
        prefix="reg",
    )


def _detail_context(request: HttpRequest, forum: Forum) -> dict[str, object]:
    closes = registration_closes(forum)
    return {
        "forum": forum,
        "places": forum_places(forum),
        "closes": closes,
        "is_open": timezone.now() <= closes
        and forum.status not in (ForumStatus.CANCELLED, ForumStatus.HELD),
        "can_manage": access.can_manage_forum(request.user, forum),
        "own": user_registrations_for(forum, request.user),  # type: ignore[arg-type]
        "minutes_html": render_markdown(forum.minutes),
        "themes_html": render_markdown(forum.themes),
        "attendance": [a.association for a in forum.attendance.all()],
        "walk_ins": list(forum.walk_ins.all()),
    }


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        forum = forum_detail(pk=pk)
    except Forum.DoesNotExist:
        raise Http404 from None
    context = _detail_context(request, forum)
    context["registration_form"] = _registration_form(request, forum)
    return render(request, "forums/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        forum = forum_detail(pk=pk)
    except Forum.DoesNotExist:
        raise Http404 from None
    base_access.require(access.can_register_somehow(request.user, forum), request)
    form = _registration_form(request, forum, request.POST if request.method == "POST" else None)
    assert form is not None
    if request.method == "POST" and form.is_valid():
        association = form.cleaned_data.get("association")
        base_access.require(
            access.can_register(request.user, forum, association.pk if association else None),
            request,
        )
        try:
            registration = registration_create(
                forum=forum,
                user=current_user(request),
                association=association,
                participants=form.cleaned_data["participants"],
                dietary_needs=form.cleaned_data["dietary_needs"],
                accessibility_needs=form.cleaned_data["accessibility_needs"],
                waiting_list=form.cleaned_data["waiting_list"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errs in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, error.messages)
        else:
            if registration.status == "waiting":
                messages.warning(
                    request,
                    _(
                        "The forum is full: you are on the waiting list. "
                        "We will email you if a place frees up."
                    ),
                )
            else:
                messages.success(request, _("You are registered."))
            return redirect(forum)
    context = _detail_context(request, forum)
    context["registration_form"] = form
    return render(
        request, "forums/detail.html", context, status=400 if request.method == "POST" else 200
    )


@login_required
@require_http_methods(["GET", "POST"])
def registration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("forum", "association"), pk=pk
    )
    base_access.require(registration.user_id == request.user.pk, request)
    form = RegistrationEditForm(request.POST or None, instance=Registration.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            registration_update(
                registration=registration,
                participants=form.cleaned_data["participants"],
                dietary_needs=form.cleaned_data["dietary_needs"],
                accessibility_needs=form.cleaned_data["accessibility_needs"],
                actor=current_user(request),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errs in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(registration.forum)
    return render(
        request, "forums/registration_edit.html", {"form": form, "registration": registration}
    )


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(Registration.objects.select_related("forum"), pk=pk)
    base_access.require(
        registration.user_id == request.user.pk
        or access.can_manage_forum(request.user, registration.forum),
        request,
    )
    try:
        registration_cancel(registration=registration, actor=current_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The registration was cancelled."))
    return redirect(registration.forum)
