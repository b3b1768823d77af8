"""Action proposals (toimenpide-ehdotukset): one pool per municipality, grouped, scored, decided.

Proposals come from survey answers, forums (recorded by a liaison) and direct submission. Similar
proposals are grouped automatically (``grouping.py``); the wellbeing working group scores
proposals or groups against the municipality's criteria and decides their fate.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kumppani.core.i18n import localized
from kumppani.core.limits import limited_text

# A proposal is one concrete measure; a survey's open answer becomes one (surveys allow 2000 too).
PROPOSAL_TEXT = 2000


class ProposerType(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    TEAM = "team", _("Municipal team")
    STAKEHOLDER = "stakeholder", _("Stakeholder")
    RESIDENT = "resident", _("Resident")


class Source(models.TextChoices):
    SURVEY = "survey", _("Survey")
    FORUM = "forum", _("Forum")
    DIRECT = "direct", _("Direct submission")


class Decision(models.TextChoices):
    ADOPTED = "adopted", _("Adopted as a measure of the plan")
    MERGED = "merged", _("Merged with another proposal")
    FORWARDED = "forwarded", _("Forwarded to another body")
    REJECTED = "rejected", _("Not taken forward")


class DecisionFields(models.Model):
    """The working group's decision; shared by proposals and groups."""

    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = limited_text(_("reason"), blank=True)
    measure = models.ForeignKey(
        "welfare.Measure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("measure"),
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=200, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        abstract = True


class ProposalGroup(DecisionFields):
    """Similar proposals of one municipality (and theme), with a label from their key words.

    ``locked`` groups were edited, scored or decided by the working group: a re-run of the
    automatic grouping keeps them and their members as they are.
    """

    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="proposal_groups",
        verbose_name=_("municipality"),
    )
    theme = models.ForeignKey(
        "welfare.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_groups",
        verbose_name=_("theme"),
    )
    label = models.CharField(_("label"), max_length=200)
    keywords = models.CharField(_("key words"), max_length=300, blank=True)
    locked = models.BooleanField(_("kept by the working group"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_groups",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["municipality", "theme", "label", "id"]
        verbose_name = _("proposal group")
        verbose_name_plural = _("proposal groups")
        indexes = [models.Index(fields=["municipality", "theme"])]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("proposals:group", args=[self.pk])


class Proposal(DecisionFields):
    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="proposals",
        verbose_name=_("municipality"),
    )
    theme = models.ForeignKey(
        "welfare.Theme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("theme"),
    )
    text = limited_text(_("proposal"), limit=PROPOSAL_TEXT)
    lemmas = models.TextField(_("base forms"), blank=True, editable=False)
    proposer_type = models.CharField(_("proposer"), max_length=20, choices=ProposerType.choices)
    proposer_name = models.CharField(_("name of the proposer"), max_length=200, blank=True)
    association = models.ForeignKey(
        "associations.Association",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("association"),
    )
    together = models.BooleanField(
        _("together with others"),
        default=False,
        help_text=_("Unticked: a measure the proposer can carry out on its own."),
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.DIRECT
    )
    survey = models.ForeignKey(
        "surveys.Survey",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("survey"),
    )
    forum = models.ForeignKey(
        "forums.Forum",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("forum"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    group = models.ForeignKey(
        ProposalGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("group"),
    )
    group_locked = models.BooleanField(_("placed by the working group"), default=False)
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_proposals",
        verbose_name=_("merged into"),
    )
    merged_into_group = models.ForeignKey(
        ProposalGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_proposals",
        verbose_name=_("merged into group"),
    )

    class Meta:
        ordering = ["municipality", "id"]
        verbose_name = _("action proposal")
        verbose_name_plural = _("action proposals")
        indexes = [
            models.Index(fields=["municipality", "theme"]),
            models.Index(fields=["municipality", "group"]),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("proposals:proposal", args=[self.pk])

    @property
    def proposer_label(self) -> str:
        if self.association_id and self.association is not None:
            return str(self.association)
        return self.proposer_name or str(self.get_proposer_type_display())


class Criterion(models.Model):
    """An assessment criterion the municipality sets (impact, reach, cost, …) with a weight."""

    municipality = models.ForeignKey(
        "geography.Municipality",
        on_delete=models.CASCADE,
        related_name="proposal_criteria",
        verbose_name=_("municipality"),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=120)
    name_sv = models.CharField(_("name in Swedish"), max_length=120, blank=True)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    # What the ends of the 1–5 scale mean; 5 is always the good end ("cost: 5 = cheap").
    low_fi = models.CharField(_("score 1 means (in Finnish)"), max_length=80, blank=True)
    low_sv = models.CharField(_("score 1 means (in Swedish)"), max_length=80, blank=True)
    low_en = models.CharField(_("score 1 means (in English)"), max_length=80, blank=True)
    high_fi = models.CharField(
        _("score 5 means (in Finnish)"),
        max_length=80,
        blank=True,
        help_text=_("5 is the best score, e.g. for cost: cheap."),
    )
    high_sv = models.CharField(_("score 5 means (in Swedish)"), max_length=80, blank=True)
    high_en = models.CharField(_("score 5 means (in English)"), max_length=80, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["municipality", "order", "id"]
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")

    def __str__(self) -> str:
        return localized(self, "name")

    @property
    def scale(self) -> str:
        """ "1 = expensive, 5 = cheap" in the current language."""
        low = localized(self, "low") or _("weak")
        high = localized(self, "high") or _("strong")
        return _("1 = %(low)s, 5 = %(high)s") % {"low": low, "high": high}


class Score(models.Model):
    """One member's score (1–5) of a proposal or a group on one criterion."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="proposal_scores",
        verbose_name=_("scorer"),
    )
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="scores"
    )
    group = models.ForeignKey(
        ProposalGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.CheckConstraint(
                condition=(Q(proposal__isnull=False, group__isnull=True))
                | Q(proposal__isnull=True, group__isnull=False),
                name="score_has_one_target",
            ),
            models.CheckConstraint(
                condition=Q(value__gte=1, value__lte=5), name="score_between_1_and_5"
            ),
            models.UniqueConstraint(
                fields=["criterion", "scorer", "proposal"],
                condition=Q(proposal__isnull=False),
                name="unique_proposal_score",
            ),
            models.UniqueConstraint(
                fields=["criterion", "scorer", "group"],
                condition=Q(group__isnull=False),
                name="unique_group_score",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class GroupingJob(models.Model):
    """A re-run of the automatic grouping; its status is readable with any task backend."""

    municipality = models.ForeignKey(
        "geography.Municipality", on_delete=models.CASCADE, related_name="grouping_jobs"
    )
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    proposal_count = models.PositiveIntegerField(default=0)
    group_count = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("grouping job")
        verbose_name_plural = _("grouping jobs")

    def __str__(self) -> str:
        return f"{self.municipality} {self.status}"
