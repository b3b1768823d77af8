"""The association registry."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text

registration_number_validator = RegexValidator(
    r"^\d{1,3}\.\d{3}$",
    _("Enter a register number of the form 123.456 (Finnish Register of Associations)."),
)


class Category(models.Model):
    slug = models.SlugField(_("identifier"), max_length=40, unique=True)
    name_fi = models.CharField(_("name (Finnish)"), max_length=100)
    name_sv = models.CharField(_("name (Swedish)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return localized(self, "name")


class Language(models.TextChoices):
    FINNISH = "fi", _("Finnish")
    SWEDISH = "sv", _("Swedish")
    ENGLISH = "en", _("English")
    SAMI = "se", _("Sámi")
    RUSSIAN = "ru", _("Russian")
    SIGN = "sgn", _("Sign language")
    OTHER = "other", _("Other")


class ActivityLanguage(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True, choices=Language.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("language of activity")
        verbose_name_plural = _("languages of activity")

    def __str__(self) -> str:
        return str(self.get_code_display())


class Association(models.Model):
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    registration_number = models.CharField(
        _("register number"),
        max_length=8,
        blank=True,
        validators=[registration_number_validator],
        help_text=_("From the Register of Associations, e.g. 123.456. Empty if unregistered."),
    )
    categories = models.ManyToManyField(
        Category, related_name="associations", verbose_name=_("categories")
    )
    home_municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.PROTECT,
        related_name="associations",
        verbose_name=_("home municipality"),
    )
    active_municipalities = models.ManyToManyField(
        "geography.Municipality",
        related_name="active_associations",
        blank=True,
        verbose_name=_("also active in"),
    )
    purpose_fi = limited_text(_("purpose and activities in Finnish"), blank=True)
    purpose_sv = limited_text(_("purpose and activities in Swedish"), blank=True)
    purpose_en = limited_text(_("purpose and activities in English"), blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    languages = models.ManyToManyField(
        ActivityLanguage, related_name="associations", blank=True, verbose_name=_("languages")
    )
    member_count = models.PositiveIntegerField(_("number of members"), null=True, blank=True)
    uses_municipal_premises = models.BooleanField(_("uses municipal premises"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    # Created by an account whose email address is not verified: hidden from the public directory
    # (is_active False) until the address is verified or a liaison confirms the association.
    awaiting_confirmation = models.BooleanField(_("awaiting confirmation"), default=False)
    # Its last representative left (account erased or role removed): the liaison is told.
    orphaned_at = models.DateTimeField(_("left without a representative"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Base forms of names and purpose on PostgreSQL (GIN-indexed); SQLite uses an FTS5 table.
    # Both are kept by kumppani.associations.search.index_associations().
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["name_fi", "id"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~models.Q(registration_number=""),
                name="unique_registration_number",
                violation_error_message=_(
                    "An association with this register number is already registered."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["home_municipality", "name_fi"]),
            # The directory's default order and "recently added" on municipality pages.
            models.Index(
                fields=["name_fi", "id"],
                condition=models.Q(is_active=True),
                name="association_active_name",
            ),
            models.Index(
                fields=["home_municipality", "created_at"],
                condition=models.Q(is_active=True),
                name="association_active_recent",
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "name")

    def get_absolute_url(self) -> str:
        return reverse("associations:detail", args=[self.pk])


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class RepresentativeInvitation(models.Model):
    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email address"))
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Sent again (a second invitation to an address with an open one refreshes it).
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawn by"),
    )

    class Meta:
        verbose_name = _("representative invitation")
        verbose_name_plural = _("representative invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "email"],
                condition=models.Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="unique_open_representative_invitation",
                violation_error_message=_(
                    "An invitation to this address is already open for this association."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.association}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None


class RepresentationRequest(models.Model):
    """A person asks to represent an association that is already registered."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        APPROVED = "approved", _("approved")
        DECLINED = "declined", _("declined")

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="representation_requests",
        verbose_name=_("association"),
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representation_requests",
        verbose_name=_("requester"),
    )
    message = limited_text(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("representation request")
        verbose_name_plural = _("representation requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["association", "requester"],
                condition=models.Q(status="pending"),
                name="unique_pending_representation_request",
                violation_error_message=_(
                    "You have already asked to represent this association; wait for the answer."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.association}"


class BoardRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    SECRETARY = "secretary", _("Secretary")
    TREASURER = "treasurer", _("Treasurer")
    MEMBER = "member", _("Board member")
    DEPUTY = "deputy", _("Deputy member")


class BoardMember(models.Model):
    """A member of the association's board (hallitus), kept by its representatives.

    Grants recuse a reviewer automatically from the applications of an association on whose board
    they sit: the member is matched by account, or by email address when they have none yet."""

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="board", verbose_name=_("association")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="board_memberships",
    )
    role = models.CharField(
        _("role"), max_length=12, choices=BoardRole.choices, default=BoardRole.MEMBER
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["association", "role", "name"]
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        indexes = [models.Index(fields=["email"])]

    def __str__(self) -> str:
        return self.name
