"""Surveys (järjestökysely, järjestökartoitus): builder, invitations, drafts and answers.

A survey belongs to one municipality (a liaison's survey) or to a region (a regional coordinator's
mapping survey, whose results are shown per municipality). Every invited party has one
``Invitation`` with an unguessable token; its answers live in one ``Response`` (an association
answers once, any of its representatives continues the same response) made of one ``Answer`` row
per question, so that two people saving different questions never overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text

# Free-text answers: a long-text question's answer, and one action proposal.
ANSWER_TEXT_LIMIT = 10000
PROPOSAL_TEXT_LIMIT = 2000


def new_token() -> str:
    return secrets.token_urlsafe(32)


class Scope(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality survey")
    REGION = "region", _("Regional mapping survey")


class Survey(models.Model):
    scope = models.CharField(
        _("scope"), max_length=20, choices=Scope.choices, default=Scope.MUNICIPALITY
    )
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("municipality"),
    )
    region = models.ForeignKey(
        "geography.Region",
        on_delete=models.CASCADE,
        related_name="surveys",
        verbose_name=_("region"),
    )
    plan = models.ForeignKey(
        "welfare.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("welfare plan"),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    intro_fi = limited_text(_("introduction in Finnish"), blank=True)
    intro_sv = limited_text(_("introduction in Swedish"), blank=True)
    intro_en = limited_text(_("introduction in English"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Results and exports do not show who answered."),
    )
    open_link_enabled = models.BooleanField(_("open link for residents"), default=False)
    open_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    results_published = models.BooleanField(_("results published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opens_at", "-id"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="survey_closes_after_opening"
            ),
            models.CheckConstraint(
                condition=Q(scope="region", municipality__isnull=True)
                | Q(scope="municipality", municipality__isnull=False),
                name="survey_scope_matches",
            ),
        ]
        indexes = [models.Index(fields=["region", "opens_at"])]

    def __str__(self) -> str:
        return localized(self, "title")

    def get_absolute_url(self) -> str:
        return reverse("surveys:detail", args=[self.pk])

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError(
                {"closes_at": _("The closing time must be after the opening time.")}
            )

    @property
    def is_regional(self) -> bool:
        return self.scope == Scope.REGION

    def is_open(self, now: dt.datetime | None = None) -> bool:
        moment = now or timezone.now()
        return bool(self.opens_at <= moment < self.closes_at)

    def has_closed(self) -> bool:
        return bool(timezone.now() >= self.closes_at)


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="sections", verbose_name=_("survey")
    )
    theme = models.ForeignKey(
        "welfare.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_sections",
        verbose_name=_("welfare plan theme"),
    )
    title_fi = models.CharField(_("title in Finnish"), max_length=200)
    title_sv = models.CharField(_("title in Swedish"), max_length=200, blank=True)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    intro_fi = limited_text(_("introduction in Finnish"), blank=True)
    intro_sv = limited_text(_("introduction in Swedish"), blank=True)
    intro_en = limited_text(_("introduction in English"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["survey", "order", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return localized(self, "title")


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")
    NUMBER = "number", _("Number")
    YES_NO = "yes_no", _("Yes or no")
    PROPOSALS = "proposals", _("Action proposals")


CHOICE_KINDS = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}
TEXT_KINDS = {QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT}


class Question(models.Model):
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section")
    )
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    text_fi = models.CharField(_("question in Finnish"), max_length=500)
    text_sv = models.CharField(_("question in Swedish"), max_length=500, blank=True)
    text_en = models.CharField(_("question in English"), max_length=500, blank=True)
    help_fi = limited_text(_("help text in Finnish"), blank=True)
    help_sv = limited_text(_("help text in Swedish"), blank=True)
    help_en = limited_text(_("help text in English"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    scale_min = models.SmallIntegerField(_("scale from"), default=1)
    scale_max = models.SmallIntegerField(_("scale to"), default=5)
    # What the ends of a scale mean ("1 = not at all", "5 = very much").
    scale_min_label_fi = models.CharField(
        _("label of the lowest value in Finnish"), max_length=100, blank=True
    )
    scale_min_label_sv = models.CharField(
        _("label of the lowest value in Swedish"), max_length=100, blank=True
    )
    scale_min_label_en = models.CharField(
        _("label of the lowest value in English"), max_length=100, blank=True
    )
    scale_max_label_fi = models.CharField(
        _("label of the highest value in Finnish"), max_length=100, blank=True
    )
    scale_max_label_sv = models.CharField(
        _("label of the highest value in Swedish"), max_length=100, blank=True
    )
    scale_max_label_en = models.CharField(
        _("label of the highest value in English"), max_length=100, blank=True
    )
    max_proposals = models.PositiveSmallIntegerField(
        _("proposals per kind"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("How many proposals of each kind (own, together with others) may be given."),
    )
    is_premises_question = models.BooleanField(
        _("premises question"),
        default=False,
        help_text=_(
            "A yes/no question asking whether the association operates in municipal premises; "
            "used for the premises statistics."
        ),
    )

    class Meta:
        ordering = ["section", "order", "id"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=models.F("scale_min")), name="question_scale_in_order"
            ),
        ]

    def __str__(self) -> str:
        return localized(self, "text")

    def scale_step_label(self, value: int) -> str:
        """A scale step as respondents and readers of the results see it: "1 – not at all"."""
        end = ""
        if value == self.scale_min:
            end = localized(self, "scale_min_label")
        elif value == self.scale_max:
            end = localized(self, "scale_max_label")
        return f"{value} – {end}" if end else str(value)


class Choice(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="choices", verbose_name=_("question")
    )
    text_fi = models.CharField(_("option in Finnish"), max_length=200)
    text_sv = models.CharField(_("option in Swedish"), max_length=200, blank=True)
    text_en = models.CharField(_("option in English"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["question", "order", "id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return localized(self, "text")


class RespondentKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    TEAM = "team", _("Municipal team")
    STAKEHOLDER = "stakeholder", _("Stakeholder")
    RESIDENT = "resident", _("Resident")


class Invitation(models.Model):
    """One invited party and its personal link."""

    survey = models.ForeignKey(
        Survey, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("survey")
    )
    kind = models.CharField(_("respondent type"), max_length=20, choices=RespondentKind.choices)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_invitations",
        verbose_name=_("association"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["survey", "kind", "name", "id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "association"],
                condition=Q(association__isnull=False),
                name="survey_one_invitation_per_association",
            ),
            models.CheckConstraint(
                condition=Q(kind="association", association__isnull=False)
                | Q(~Q(kind="association"), association__isnull=True),
                name="invitation_association_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse("surveys:respond", args=[self.token])

    @property
    def display_name(self) -> str:
        if self.association_id is not None:
            return str(self.association)
        return self.name or str(RespondentKind(self.kind).label)


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Response(models.Model):
    """The one answer of an invited party (a draft until submitted)."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    municipality = models.ForeignKey(
        "geography.Municipality", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT
    )
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["survey", "id"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "status", "municipality"])]

    def __str__(self) -> str:
        return f"{self.invitation} ({self.get_status_display()})"

    @property
    def is_submitted(self) -> bool:
        return self.status == ResponseStatus.SUBMITTED


class Answer(models.Model):
    """The answer to one question; saved independently of the other questions."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = limited_text(_("answer"), limit=ANSWER_TEXT_LIMIT, blank=True)
    number = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    yes = models.BooleanField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["response", "question"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question")
        ]
        indexes = [models.Index(fields=["question", "response"])]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class AnswerChoice(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="selected")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["answer", "choice"], name="choice_selected_once")
        ]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.choice_id}"


class ProposalMode(models.TextChoices):
    OWN = "own", _("Our association can do this")
    TOGETHER = "together", _("Together with others")


class ProposalItem(models.Model):
    """One action proposal given in an answer; copied to the proposal pool on submit."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="proposals")
    mode = models.CharField(_("kind"), max_length=10, choices=ProposalMode.choices)
    position = models.PositiveSmallIntegerField(default=0)
    text = limited_text(_("proposal"), limit=PROPOSAL_TEXT_LIMIT)
    # The id of the kumppani.proposals Proposal created on submit (no FK: proposals refers here).
    pool_proposal_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["answer", "mode", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "mode", "position"], name="proposal_item_position_unique"
            )
        ]

    def __str__(self) -> str:
        return self.text
