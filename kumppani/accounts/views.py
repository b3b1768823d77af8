from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts import access
from kumppani.accounts.adapter import SESSION_KEY
from kumppani.accounts.audit_display import audit_rows
from kumppani.accounts.forms import DeleteAccountForm, NameForm, RoleAssignForm
from kumppani.accounts.invitations import (
    role_invitation_accept,
    role_invitation_withdraw,
    role_invite,
)
from kumppani.accounts.models import AuditEvent, RoleAssignment, RoleInvitation, User
from kumppani.accounts.personal_data import personal_data_export, user_erase
from kumppani.accounts.services import role_assign, role_remove, user_name_set
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error


@require_http_methods(["GET", "POST"])
def roles(request: HttpRequest) -> HttpResponse:
    access.require(access.can_assign_roles(request.user), request)
    form = RoleAssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = {k: data[k] for k in ("association", "municipality", "region")}
        actor = access.authenticated_user(request)
        user = User.objects.filter(email__iexact=data["email"]).first()
        email = data["email"].strip().lower()
        try:
            if user is None:
                role_invite(email=email, role=data["role"], actor=actor, **scope)
            else:
                role_assign(user=user, role=data["role"], actor=actor, **scope)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if user is None:
                messages.success(
                    request,
                    _(
                        "No account uses %(email)s yet. An invitation to sign up was sent; "
                        "the role is granted when they sign up with that address."
                    )
                    % {"email": email},
                )
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
    open_invitations = RoleInvitation.objects.filter(
        accepted_at__isnull=True, withdrawn_at__isnull=True
    ).select_related("association", "municipality", "region")[:100]
    context = {"form": form, "page": page, "q": q, "open_invitations": open_invitations}
    return render(request, "accounts/roles.html", context)


@require_http_methods(["GET", "POST"])
def role_invitation_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an open role invitation, after a confirmation page."""
    access.require(access.can_assign_roles(request.user), request)
    invitation = get_object_or_404(RoleInvitation, pk=pk)
    return confirmation_page(
        request,
        title=_("Withdraw the invitation"),
        question=_(
            "Withdraw the invitation to %(email)s (%(role)s)? Its link then no longer works and "
            "says that it was withdrawn."
        )
        % {"email": invitation.email, "role": invitation.get_role_display()},
        can_confirm=invitation.is_open,
        closed=_("This invitation is no longer open."),
        action=lambda: role_invitation_withdraw(
            invitation=invitation, actor=access.authenticated_user(request)
        ),
        done=_("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        back_url=reverse("accounts:roles"),
        back_text=_("Back to roles"),
    )


@require_http_methods(["GET", "POST"])
def my_name(request: HttpRequest) -> HttpResponse:
    """The person sets the name shown wherever they are listed."""
    user = access.authenticated_user(request)
    form = NameForm(request.POST or None, initial={"full_name": user.full_name})
    if request.method == "POST" and form.is_valid():
        try:
            user_name_set(user=user, full_name=form.cleaned_data["full_name"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Your name was saved."))
            return redirect("core:dashboard")
    return render(request, "accounts/name.html", {"form": form})


@require_GET
def role_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in a role invitation: grant it now, or after signing up with that address."""
    invitation = get_object_or_404(RoleInvitation, token=token)
    if invitation.withdrawn_at is not None:
        messages.info(request, _("This invitation has been withdrawn."))
        return redirect("core:home")
    if invitation.accepted_at is not None:
        messages.info(request, _("This invitation has already been used."))
        return redirect("core:home")
    if request.user.is_authenticated:
        try:
            role_invitation_accept(invitation=invitation, actor=access.authenticated_user(request))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("core:home")
        messages.success(
            request, _("You now have the role %(role)s.") % {"role": invitation.get_role_display()}
        )
        return redirect("core:home")
    request.session[SESSION_KEY] = invitation.token
    messages.info(
        request,
        _("Sign up with the address %(email)s to receive the role %(role)s.")
        % {"email": invitation.email, "role": invitation.get_role_display()},
    )
    return redirect("account_signup")


@require_POST
def role_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.can_assign_roles(request.user), request)
    role_remove(
        assignment=get_object_or_404(RoleAssignment, pk=pk),
        actor=access.authenticated_user(request),
    )
    messages.success(request, _("The role was removed."))
    return redirect("accounts:roles")


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    access.require(access.is_admin(request.user), request)
    events = AuditEvent.objects.select_related("actor")
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    rows = audit_rows(list(page.object_list))
    return render(request, "accounts/audit.html", {"page": page, "rows": rows, "action": action})


@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything the platform keeps about the logged-in person, as a JSON download."""
    user = access.authenticated_user(request)
    response = JsonResponse(
        personal_data_export(user=user), json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="kumppani-my-data.json"'
    return response


@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = access.authenticated_user(request)
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        logout(request)
        user_erase(user=user)
        messages.success(request, _("Your account and your personal data were deleted."))
        return redirect("core:home")
    return render(request, "accounts/delete_account.html", {"form": form})
