from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts import access
from kumppani.accounts.adapter import PENDING_INVITATION_KEY
from kumppani.associations import access as association_access
from kumppani.associations.forms import (
    AssociationForm,
    BoardMemberForm,
    DirectoryForm,
    InviteForm,
    RepresentationRequestForm,
    duplicate_confirmation_field,
)
from kumppani.associations.models import (
    ActivityLanguage,
    Association,
    BoardMember,
    Category,
    RepresentationRequest,
    RepresentativeInvitation,
)
from kumppani.associations.search import highlight_terms
from kumppani.associations.selectors import (
    DirectoryFilter,
    association_detail,
    association_directory_page,
    association_duplicates,
    invitations_open,
    representation_requests_decided,
    representation_requests_pending,
)
from kumppani.associations.services import (
    association_confirm,
    association_create,
    association_update,
    board_member_add,
    board_member_remove,
    invitation_accept,
    invitation_withdraw,
    representation_request_approve,
    representation_request_create,
    representation_request_decline,
    representative_invite,
    representative_remove,
)
from kumppani.core.confirm import confirmation_page
from kumppani.core.forms import apply_validation_error
from kumppani.core.i18n import localized
from kumppani.core.page_cache import public_page
from kumppani.core.panels import ASSOCIATION_PAGE, panels_for
from kumppani.core.text import split_for_highlight
from kumppani.geography.models import Municipality, Region

PAGE_SIZE = 20


def _directory_choices() -> dict[str, Any]:
    """Filter options and their rendered <option> lists; reference data, cached per language."""
    key = f"directory-choices-v2-{get_language()}"
    choices = cache.get(key)
    if choices is None:
        options = {
            "municipality": [(m.code, str(m)) for m in Municipality.objects.order_by("name_fi")],
            "region": [(r.code, str(r)) for r in Region.objects.order_by("name_fi")],
            "category": [(c.slug, str(c)) for c in Category.objects.all()],
            "language": [(lang.code, str(lang)) for lang in ActivityLanguage.objects.all()],
        }
        everything = [("", str(_("All")))]
        choices = {
            "options": options,
            "html": {
                name: "\n".join(
                    f'<option value="{escape(value)}">{escape(label)}</option>'
                    for value, label in everything + values
                )
                for name, values in options.items()
            },
        }
        cache.set(key, choices, 600)
    return choices


class _PrerenderedSelect(forms.Select):
    """A <select> whose options were rendered once per language.

    Rendering 308 municipalities through Django's per-option widget templates took most of the
    directory page's time; the cached HTML only gets ``selected`` added to the chosen option.
    """

    def __init__(self, options_html: str) -> None:
        super().__init__()
        self.options_html = options_html

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        options = self.options_html
        for chosen in self.format_value(value):
            option = f'<option value="{escape(chosen)}">'
            if option in options:
                options = options.replace(option, f"{option[:-1]} selected>", 1)
                break
        return mark_safe(f"<select{flatatt(final_attrs)}>\n{options}\n</select>")


def _highlighted(text: str, terms: frozenset[str]) -> str:
    """``text`` escaped, words sharing a base form with ``terms`` in <mark> (the page's hot loop;
    the same output as the ``highlight`` template tag without its per-word format_html)."""
    if not terms:
        return escape(text)
    return "".join(
        f"<mark>{escape(piece)}</mark>" if hit else escape(piece)
        for piece, hit in split_for_highlight(text, terms)
    )


@require_GET
@public_page
def directory(request: HttpRequest) -> HttpResponse:
    choices = _directory_choices()
    form = DirectoryForm(request.GET or None, choices=choices["options"])
    for name, options_html in choices["html"].items():
        form.fields[name].widget = _PrerenderedSelect(options_html)
    filters = DirectoryFilter()
    if form.is_bound and form.is_valid():
        filters = DirectoryFilter(**form.cleaned_data)
    page = association_directory_page(
        filters=filters, page=request.GET.get("page"), per_page=PAGE_SIZE
    )
    terms = highlight_terms(filters.q) if filters.q else frozenset()
    for a in page.object_list:
        snippet = localized(a, "purpose")[:240]
        a.name_fi_html = mark_safe(_highlighted(a.name_fi, terms))
        a.name_sv_html = mark_safe(_highlighted(a.name_sv, terms))
        a.snippet_html = mark_safe(_highlighted(snippet, terms))
    context = {"form": form, "page": page, "filters": filters, "terms": terms}
    return render(request, "associations/directory.html", context)


@require_GET
@public_page
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        association = association_detail(pk=pk)
    except Association.DoesNotExist:
        raise Http404 from None
    if not association.is_active and not access.can_edit_association(request.user, pk):
        raise Http404
    can_edit = access.can_edit_association(request.user, pk)
    context = {
        "association": association,
        "can_edit": can_edit,
        "can_request": request.user.is_authenticated
        and not can_edit
        and association_access.can_request_representation(request.user, association),
        "can_decide": association_access.can_decide_requests(request.user, association),
        "panels": panels_for(ASSOCIATION_PAGE, request, association),
    }
    return render(request, "associations/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    access.require(access.can_create_association(request.user), request)
    form = AssociationForm(request.POST or None)
    duplicates: list[Association] = []
    valid = False
    data: dict[str, Any] = {}
    if request.method == "POST":
        valid = form.is_valid()  # a register number already in use is an error too
        data = dict(form.cleaned_data)
        home = data.get("home_municipality")
        duplicates = association_duplicates(
            name=data.get("name_fi", ""),
            registration_number=data.get("registration_number", ""),
            municipality_id=home.pk if home is not None else None,
        )
        if duplicates:
            form.fields["not_a_duplicate"] = duplicate_confirmation_field()
    if valid and (not duplicates or request.POST.get("not_a_duplicate")):
        try:
            association = association_create(
                actor=access.authenticated_user(request),
                categories=data.pop("categories"),
                active_municipalities=data.pop("active_municipalities"),
                languages=data.pop("languages"),
                **data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if association.awaiting_confirmation:
                messages.success(
                    request,
                    _(
                        "The association was registered. It appears in the public directory "
                        "once you have verified your email address or the liaison has "
                        "confirmed it."
                    ),
                )
            else:
                messages.success(request, _("The association was registered."))
            return redirect(association)
    context = {"form": form, "association": None, "duplicates": duplicates}
    return render(request, "associations/form.html", context)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    association = get_object_or_404(Association, pk=pk)
    access.require(access.can_edit_association(request.user, pk), request)
    form = AssociationForm(request.POST or None, instance=association)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            association_update(
                association=association,
                actor=access.authenticated_user(request),
                categories=data.pop("categories"),
                active_municipalities=data.pop("active_municipalities"),
                languages=data.pop("languages"),
                **data,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(association)
    return render(request, "associations/form.html", {"form": form, "association": association})


@require_http_methods(["GET", "POST"])
def representatives(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(access.can_edit_association(request.user, pk), request)
    try:
        association = association_detail(pk=pk)
    except Association.DoesNotExist:
        raise Http404 from None
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = representative_invite(
                association=association,
                email=form.cleaned_data["email"],
                actor=access.authenticated_user(request),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if invitation.sent_at is not None:
                text = _("An invitation to %(email)s was already open; it was sent again.")
            else:
                text = _("An invitation was sent to %(email)s.")
            messages.success(request, text % {"email": invitation.email})
            return redirect("associations:representatives", pk=pk)
    pending = invitations_open(association)
    context = {"association": association, "form": form, "pending": pending}
    return render(request, "associations/representatives.html", context)


@require_http_methods(["GET", "POST"])
def board(request: HttpRequest, pk: int) -> HttpResponse:
    """The association's board, kept by its representatives: add a member, or remove one (the
    button's value is the member)."""
    access.require(access.can_edit_association(request.user, pk), request)
    association = get_object_or_404(Association, pk=pk)
    actor = access.authenticated_user(request)
    remove = request.POST.get("remove")
    if request.method == "POST" and remove:
        member = get_object_or_404(BoardMember, pk=remove, association=association)
        board_member_remove(member=member, actor=actor)
        messages.success(request, _("%(name)s was removed from the board.") % {"name": member})
        return redirect("associations:board", pk=pk)
    form = BoardMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = board_member_add(association=association, actor=actor, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("%(name)s was added to the board.") % {"name": member})
            return redirect("associations:board", pk=pk)
    members = BoardMember.objects.filter(association=association).order_by("role", "name")
    context = {"association": association, "form": form, "members": members}
    return render(request, "associations/board.html", context)


@require_POST
def representative_remove_view(request: HttpRequest, pk: int, user_id: int) -> HttpResponse:
    access.require(access.can_edit_association(request.user, pk), request)
    association = get_object_or_404(Association, pk=pk)
    try:
        representative_remove(
            association=association, user_id=user_id, actor=access.authenticated_user(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The representative was removed."))
    if user_id == request.user.pk:
        return redirect(association)
    return redirect("associations:representatives", pk=pk)


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation. A logged-out visitor is told what it is and sent to log in or
    sign up and back here (the path is also kept in the session, for when allauth's ``next`` is
    lost on the way through email verification)."""
    invitation = get_object_or_404(
        RepresentativeInvitation.objects.select_related(
            "association__home_municipality", "invited_by"
        ),
        token=token,
    )
    if not request.user.is_authenticated:
        if request.method == "POST":
            raise access.LoginRequired
        if invitation.is_open:
            request.session[PENDING_INVITATION_KEY] = request.path
        return render(
            request,
            "associations/accept_invitation.html",
            {"invitation": invitation, "next": request.path},
        )
    request.session.pop(PENDING_INVITATION_KEY, None)
    error = ""
    if request.method == "POST":
        user = access.authenticated_user(request)
        try:
            invitation_accept(invitation=invitation, actor=user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request,
                _("You now represent %(name)s.") % {"name": invitation.association},
            )
            return redirect(invitation.association)
    return render(
        request, "associations/accept_invitation.html", {"invitation": invitation, "error": error}
    )


@require_http_methods(["GET", "POST"])
def withdraw_invitation(request: HttpRequest, pk: int, invitation_id: int) -> HttpResponse:
    """Withdraw an open invitation, after a confirmation page."""
    invitation = association_access.access_invitation_to_withdraw(
        request, association_id=pk, invitation_id=invitation_id
    )
    return confirmation_page(
        request,
        title=_("Withdraw the invitation"),
        question=_(
            "Withdraw the invitation to %(email)s to represent %(name)s? Its link then no longer "
            "works and says that it was withdrawn."
        )
        % {"email": invitation.email, "name": invitation.association},
        can_confirm=invitation.is_open,
        closed=_("This invitation is no longer open."),
        action=lambda: invitation_withdraw(
            invitation=invitation, actor=access.authenticated_user(request)
        ),
        done=_("The invitation to %(email)s was withdrawn.") % {"email": invitation.email},
        back_url=reverse("associations:representatives", args=[pk]),
        back_text=_("Back to the representatives"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_representation(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask to represent an association that is already registered."""
    association = get_object_or_404(Association.objects.select_related("home_municipality"), pk=pk)
    form = RepresentationRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            representation_request_create(
                association=association,
                requester=access.authenticated_user(request),
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your request was sent. You get an email when the association's "
                    "representatives (or the municipality's liaison) have answered."
                ),
            )
            return redirect(association)
    return render(request, "associations/request.html", {"association": association, "form": form})


@require_GET
def requests(request: HttpRequest, pk: int) -> HttpResponse:
    """Pending requests to represent the association, for those who decide them."""
    association = association_access.access_requests(request, association_id=pk)
    context = {
        "association": association,
        "pending": representation_requests_pending(association),
        "decided": representation_requests_decided(association),
    }
    return render(request, "associations/requests.html", context)


@require_POST
def decide_request(request: HttpRequest, pk: int, request_id: int) -> HttpResponse:
    association = association_access.access_requests(request, association_id=pk)
    representation = get_object_or_404(
        RepresentationRequest.objects.select_related("requester", "association"),
        pk=request_id,
        association=association,
    )
    actor = access.authenticated_user(request)
    approve = request.POST.get("decision") == "approve"
    try:
        if approve:
            representation_request_approve(request=representation, actor=actor)
        else:
            representation_request_decline(request=representation, actor=actor)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = {"name": representation.requester.display_name}
        if approve:
            messages.success(request, _("%(name)s now represents the association.") % name)
        else:
            messages.success(request, _("The request of %(name)s was declined.") % name)
    return redirect("associations:requests", pk=pk)


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """A liaison of the home municipality confirms an association awaiting confirmation."""
    association = get_object_or_404(Association.objects.select_related("home_municipality"), pk=pk)
    home = association.home_municipality
    access.require(access.manages_municipality(request.user, home.pk, home.region_id), request)
    try:
        association_confirm(association=association, actor=access.authenticated_user(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s now appears in the public directory.") % {"name": association}
        )
    return redirect("geography:municipality", code=home.code)
