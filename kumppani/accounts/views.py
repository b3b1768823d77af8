from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kumppani.accounts import access
from kumppani.accounts.forms import RoleAssignForm
from kumppani.accounts.models import RoleAssignment
from kumppani.accounts.services import role_assign, role_remove, user_get_or_create


@require_http_methods(["GET", "POST"])
def roles(request: HttpRequest) -> HttpResponse:
    access.require(access.can_assign_roles(request.user), request)
    form = RoleAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            role_assign(
                user=user_get_or_create(email=data["email"]),
                role=data["role"],
                association=data["association"],
                municipality=data["municipality"],
                region=data["region"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The role was assigned."))
            return redirect("accounts:roles")
    assignments = RoleAssignment.objects.select_related(
        "user", "association", "municipality", "region"
    ).order_by("user__email", "role")
    q = request.GET.get("q", "").strip()
    if q:
        assignments = assignments.filter(user__email__icontains=q)
    page = Paginator(assignments, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/roles.html", {"form": form, "page": page, "q": q})


@require_POST
def role_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.can_assign_roles(request.user), request)
    role_remove(assignment=get_object_or_404(RoleAssignment, pk=pk))
    messages.success(request, _("The role was removed."))
    return redirect("accounts:roles")
