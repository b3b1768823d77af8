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
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kumppani.accounts import access
from kumppani.associations.forms import AssociationForm, DirectoryForm, InviteForm
from kumppani.associations.models import (
    ActivityLanguage,
    Association,
    Category,
    RepresentativeInvitation,
)
from kumppani.associations.search import highlight_terms
from kumppani.associations.selectors import (
    DirectoryFilter,
    association_detail,
    association_directory_page,
)
from kumppani.associations.services import (
    association_confirm,
    association_create,
    association_update,
    invitation_accept,
    representative_invite,
    representative_remove,
)
from kumppani.core.forms import apply_validation_error
from kumppani.core.i18n import localized
from kumppani.core.page_cache import public_page
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
    context = {
        "association": association,
        "can_edit": access.can_edit_association(request.user, pk),
    }
    return render(request, "associations/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    access.require(access.can_create_association(request.user), request)
    form = AssociationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
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
    return render(request, "associations/form.html", {"form": form, "association": None})


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
            representative_invite(
                association=association,
                email=form.cleaned_data["email"],
                actor=access.authenticated_user(request),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("associations:representatives", pk=pk)
    pending = association.invitations.filter(accepted_at__isnull=True)
    context = {"association": association, "form": form, "pending": pending}
    return render(request, "associations/representatives.html", context)


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


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(
        RepresentativeInvitation.objects.select_related("association"), token=token
    )
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
