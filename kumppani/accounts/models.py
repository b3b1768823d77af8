"""People, their scoped roles, and API tokens."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person; logs in with an email address."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("name"), max_length=150, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name shown wherever people are listed: the name, else the email address."""
        return self.full_name.strip() or self.email


class Role(models.TextChoices):
    REPRESENTATIVE = "representative", _("Association representative")
    AGENT = "agent", _("Association agent")
    LIAISON = "liaison", _("Liaison")
    OFFICER = "officer", _("Municipal officer")
    WELLBEING_GROUP = "wellbeing_group", _("Wellbeing working group member")
    COORDINATOR = "coordinator", _("Regional coordinator")
    ADMIN = "admin", _("Platform administrator")


ASSOCIATION_ROLES = {Role.REPRESENTATIVE}
MUNICIPALITY_ROLES = {Role.AGENT, Role.LIAISON, Role.OFFICER, Role.WELLBEING_GROUP}
REGION_ROLES = {Role.COORDINATOR}


class RoleAssignment(models.Model):
    """One role of one person, scoped to an association, a municipality, a region, or nothing."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="roles", verbose_name=_("user")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("association"),
    )
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        "geography.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="role_assignments",
        verbose_name=_("region"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "association"],
                condition=Q(association__isnull=False),
                name="unique_association_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "municipality"],
                condition=Q(municipality__isnull=False),
                name="unique_municipality_role",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="unique_region_role",
            ),
            models.UniqueConstraint(
                fields=["user"], condition=Q(role="admin"), name="unique_admin_role"
            ),
            models.CheckConstraint(
                name="role_scope_matches",
                condition=(
                    Q(
                        role="representative",
                        association__isnull=False,
                        municipality__isnull=True,
                        region__isnull=True,
                    )
                    | Q(
                        role__in=["agent", "liaison", "officer", "wellbeing_group"],
                        association__isnull=True,
                        municipality__isnull=False,
                        region__isnull=True,
                    )
                    | Q(
                        role="coordinator",
                        association__isnull=True,
                        municipality__isnull=True,
                        region__isnull=False,
                    )
                    | Q(
                        role="admin",
                        association__isnull=True,
                        municipality__isnull=True,
                        region__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.association or self.municipality or self.region or ""
        return f"{self.user} – {self.get_role_display()} {scope}".strip()


class ApiToken(models.Model):
    """A bearer token for the API; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class AuditEvent(models.Model):
    """Who changed what, when: written by services, read by administrators."""

    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    actor_email = models.EmailField(_("actor's email"), blank=True)
    action = models.CharField(_("action"), max_length=60)
    target_type = models.CharField(_("target type"), max_length=60, blank=True)
    target_id = models.CharField(_("target"), max_length=40, blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    changes = models.JSONField(_("changed fields"), default=dict, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_email} {self.action}"


def _new_token() -> str:
    import secrets

    return secrets.token_urlsafe(32)


def _open_invitation_constraints() -> list[models.BaseConstraint]:
    """One open invitation per address and scoped role (a NULL scope is never equal to another
    in a unique index, hence one constraint per kind of scope)."""
    constraints: list[models.BaseConstraint] = [
        models.UniqueConstraint(
            fields=["email", "role", scope],
            condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True)
            & Q(**{f"{scope}__isnull": False}),
            name=f"unique_open_role_invitation_{scope}",
            violation_error_message=_("An invitation to this address is already open."),
        )
        for scope in ("association", "municipality", "region")
    ]
    constraints.append(
        models.UniqueConstraint(
            fields=["email", "role"],
            condition=Q(
                accepted_at__isnull=True,
                withdrawn_at__isnull=True,
                association__isnull=True,
                municipality__isnull=True,
                region__isnull=True,
            ),
            name="unique_open_role_invitation_unscoped",
            violation_error_message=_("An invitation to this address is already open."),
        )
    )
    return constraints


class RoleInvitation(models.Model):
    """A role given to an email address that has no account yet; granted when they sign up."""

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("association"),
    )
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        "geography.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("role invitation")
        verbose_name_plural = _("role invitations")
        ordering = ["-created_at"]
        constraints = _open_invitation_constraints()

    def __str__(self) -> str:
        scope = self.association or self.municipality or self.region or ""
        return f"{self.email} – {self.get_role_display()} {scope}".strip()

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None
