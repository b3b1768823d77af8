"""Survey results: per question, per municipality, municipality against its region, premises share.

Every function runs a constant number of queries whatever the number of answers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db.models import Avg, Count, Exists, F, Max, Min, OuterRef, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kumppani.associations.models import Association
from kumppani.core import rounding
from kumppani.geography.models import Municipality, Region
from kumppani.surveys.models import (
    Answer,
    AnswerChoice,
    ProposalItem,
    ProposalMode,
    Question,
    QuestionKind,
    RespondentKind,
    Response,
    ResponseStatus,
    Scope,
    Survey,
)

TEXT_LIMIT = 100  # free-text answers listed per question on the page (exports have all)
SOTE = "social-health"


@dataclass
class Bar:
    label: str
    count: int
    percent: int


@dataclass
class TextItem:
    text: str
    who: str
    mode: str = ""


@dataclass
class Distribution:
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None


@dataclass
class QuestionResult:
    question: Question
    main: Distribution
    region: Distribution | None = None
    texts: list[TextItem] = field(default_factory=list)
    text_total: int = 0
    own: int = 0
    together: int = 0
    chart: Any = None  # a kumppani.core.charts.Chart, added by the results page

    @property
    def has_bars(self) -> bool:
        return bool(self.main.bars)


@dataclass
class MunicipalityRow:
    municipality: Municipality
    invited: int
    submitted: int


@dataclass
class SurveyResults:
    survey: Survey
    municipality: Municipality | None
    respondents: int
    by_kind: list[tuple[str, int]]
    by_kind_codes: dict[str, int]
    sections: list[tuple[Any, list[QuestionResult]]]
    by_municipality: list[MunicipalityRow]


def _submitted(survey: Survey, municipality: Municipality | None, prefix: str = "") -> Q:
    """Answers (or, with ``prefix="answer__"``, their parts) of submitted responses."""
    kw: dict[str, Any] = {
        f"{prefix}response__survey": survey.pk,
        f"{prefix}response__status": ResponseStatus.SUBMITTED,
    }
    if municipality is not None:
        kw[f"{prefix}response__municipality_id"] = municipality.pk
    return Q(**kw)


_percent = rounding.percent  # shares: whole percentages, halves up (the one rule)


@dataclass
class Raw:
    """What the database says about the submitted answers (plain data, cacheable)."""

    choice_counts: dict[int, dict[int, int]] = field(default_factory=dict)
    choice_answered: dict[int, int] = field(default_factory=dict)
    yes_no: dict[int, dict[bool, int]] = field(default_factory=dict)
    scale: dict[int, dict[int, int]] = field(default_factory=dict)
    numbers: dict[int, dict[str, Any]] = field(default_factory=dict)
    text_totals: dict[int, int] = field(default_factory=dict)
    texts: dict[int, list[TextItem]] = field(default_factory=dict)
    proposal_counts: dict[int, dict[str, int]] = field(default_factory=dict)
    kinds: dict[str, int] = field(default_factory=dict)


TEXT_KIND_VALUES = [QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT]


def _distribution_raw(raw: Raw, survey: Survey, municipality: Municipality | None) -> None:
    """Counts for choice, yes/no, scale and number questions (five queries)."""
    base = _submitted(survey, municipality)
    parts = _submitted(survey, municipality, "answer__")
    for row in (
        AnswerChoice.objects.order_by()
        .filter(parts)
        .values("answer__question_id", "choice_id")
        .annotate(n=Count("id"))
    ):
        raw.choice_counts.setdefault(row["answer__question_id"], {})[row["choice_id"]] = row["n"]
    raw.choice_answered = {
        row["answer__question_id"]: row["n"]
        for row in AnswerChoice.objects.order_by()
        .filter(parts)
        .values("answer__question_id")
        .annotate(n=Count("answer_id", distinct=True))
    }
    for row in (
        Answer.objects.order_by()
        .filter(base, question__kind=QuestionKind.YES_NO, yes__isnull=False)
        .values("question_id", "yes")
        .annotate(n=Count("id"))
    ):
        raw.yes_no.setdefault(row["question_id"], {})[bool(row["yes"])] = row["n"]
    for row in (
        Answer.objects.order_by()
        .filter(base, question__kind=QuestionKind.SCALE, number__isnull=False)
        .values("question_id", "number")
        .annotate(n=Count("id"))
    ):
        raw.scale.setdefault(row["question_id"], {})[int(row["number"])] = row["n"]
    raw.numbers = {
        row["question_id"]: row
        for row in Answer.objects.order_by()
        .filter(
            base,
            question__kind__in=[QuestionKind.NUMBER, QuestionKind.SCALE],
            number__isnull=False,
        )
        .values("question_id")
        .annotate(n=Count("id"), mean=Avg("number"), lo=Min("number"), hi=Max("number"))
    }


def _who(invitation: Any, anonymous: bool) -> str:
    if anonymous:
        return ""
    return str(invitation.display_name)


def _texts_raw(raw: Raw, survey: Survey, municipality: Municipality | None, hide: bool) -> None:
    """Free-text answers and proposals: totals, and the first TEXT_LIMIT of each question."""
    base = _submitted(survey, municipality)
    parts = _submitted(survey, municipality, "answer__")
    texts_qs = (
        Answer.objects.order_by().filter(base, question__kind__in=TEXT_KIND_VALUES).exclude(text="")
    )
    raw.text_totals = dict(
        texts_qs.values("question_id").annotate(n=Count("id")).values_list("question_id", "n")
    )
    # Rank only ids in the inner query; read the few rows shown (and their respondents) outside.
    first_ids = texts_qs.annotate(
        rank=Window(RowNumber(), partition_by=[F("question_id")], order_by=F("id").asc())
    ).filter(rank__lte=TEXT_LIMIT)
    rows = (
        Answer.objects.order_by()
        .filter(pk__in=first_ids.values("pk"))
        .order_by("question_id", "id")
    )
    if not hide:
        rows = rows.select_related("response__invitation__association")
    for a in rows.only(
        "id", "question_id", "text", "response__invitation__kind", "response__invitation__name",
        "response__invitation__association__name_fi",
        "response__invitation__association__name_sv",
    ) if not hide else rows.only("id", "question_id", "text"):  # fmt: skip
        who = "" if hide else _who(a.response.invitation, hide)
        raw.texts.setdefault(a.question_id, []).append(TextItem(a.text, who))
    for row in (
        ProposalItem.objects.order_by()
        .filter(parts)
        .values("answer__question_id", "mode")
        .annotate(n=Count("id"))
    ):
        raw.proposal_counts.setdefault(row["answer__question_id"], {})[row["mode"]] = row["n"]
    first_items = (
        ProposalItem.objects.order_by()
        .filter(parts)
        .annotate(
            rank=Window(
                RowNumber(), partition_by=[F("answer__question_id")], order_by=F("id").asc()
            )
        )
        .filter(rank__lte=TEXT_LIMIT)
    )
    items = (
        ProposalItem.objects.order_by()
        .filter(pk__in=first_items.values("pk"))
        .select_related("answer__response__invitation__association" if not hide else "answer")
    )
    for p in items.order_by("answer__question_id", "id"):
        who = "" if hide else _who(p.answer.response.invitation, hide)
        raw.texts.setdefault(p.answer.question_id, []).append(
            TextItem(p.text, who, str(p.get_mode_display()))
        )


def _raw(survey: Survey, municipality: Municipality | None, hide: bool) -> Raw:
    raw = Raw()
    _distribution_raw(raw, survey, municipality)
    _texts_raw(raw, survey, municipality, hide)
    responses = Response.objects.order_by().filter(
        survey_id=survey.pk, status=ResponseStatus.SUBMITTED
    )
    if municipality is not None:
        responses = responses.filter(municipality_id=municipality.pk)
    raw.kinds = dict(
        responses.values("invitation__kind")
        .annotate(n=Count("id"))
        .values_list("invitation__kind", "n")
    )
    return raw


CACHE_SECONDS = 600


def _watermark(survey: Survey) -> str:
    """Changes whenever an answer is submitted (submitted answers never change afterwards)."""
    row = (
        Response.objects.order_by()
        .filter(survey_id=survey.pk, status=ResponseStatus.SUBMITTED)
        .aggregate(n=Count("id"), last=Max("submitted_at"))
    )
    last = row["last"].timestamp() if row["last"] else 0
    return f"{row['n']}-{last}"


def _raw_cached(survey: Survey, municipality: Municipality | None, hide: bool, mark: str) -> Raw:
    key = (
        f"survey-results:{survey.pk}:{municipality.pk if municipality else 0}:{int(hide)}:"
        f"{get_language()}:{mark}"
    )
    raw = cache.get(key)
    if raw is None:
        raw = _raw(survey, municipality, hide)
        cache.set(key, raw, CACHE_SECONDS)
    return raw


def _distribution(q: Question, raw: Raw) -> Distribution:
    d = Distribution()
    if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        d.answered = raw.choice_answered.get(q.pk, 0)
        counts = raw.choice_counts.get(q.pk, {})
        d.bars = [
            Bar(str(c), counts.get(c.pk, 0), _percent(counts.get(c.pk, 0), d.answered))
            for c in q.choices.all()
        ]
    elif q.kind == QuestionKind.YES_NO:
        yn = raw.yes_no.get(q.pk, {})
        d.answered = sum(yn.values())
        d.bars = [
            Bar(_("Yes"), yn.get(True, 0), _percent(yn.get(True, 0), d.answered)),
            Bar(_("No"), yn.get(False, 0), _percent(yn.get(False, 0), d.answered)),
        ]
    elif q.kind == QuestionKind.SCALE:
        steps = raw.scale.get(q.pk, {})
        d.answered = sum(steps.values())
        d.bars = [
            Bar(q.scale_step_label(v), steps.get(v, 0), _percent(steps.get(v, 0), d.answered))
            for v in range(q.scale_min, q.scale_max + 1)
        ]
    if q.kind in (QuestionKind.NUMBER, QuestionKind.SCALE) and q.pk in raw.numbers:
        row = raw.numbers[q.pk]
        d.answered = row["n"]
        d.mean = rounding.mean(row["mean"])
        d.minimum, d.maximum = row["lo"], row["hi"]
    return d


def results_for(
    *,
    survey: Survey,
    municipality: Municipality | None = None,
    anonymous: bool | None = None,
    use_cache: bool = True,
    by_municipality: list[MunicipalityRow] | None = None,
) -> SurveyResults:
    """``survey`` comes from ``survey_structure`` (sections, questions, options prefetched).

    The counts are cached under a key that changes with every submitted answer, so a cached
    result is never stale; the survey's structure and labels are always the current ones.
    ``by_municipality``: the caller's ``results_by_municipality`` rows, if it already has them.
    """
    hide = survey.anonymous if anonymous is None else anonymous
    if use_cache:
        mark = _watermark(survey)
        main = _raw_cached(survey, municipality, hide, mark)
        region = _raw_cached(survey, None, hide, mark) if municipality is not None else None
    else:
        main = _raw(survey, municipality, hide)
        region = _raw(survey, None, hide) if municipality is not None else None
    section_results = []
    for s in survey.sections.all():
        rows = []
        for q in s.questions.all():
            counts = main.proposal_counts.get(q.pk, {})
            rows.append(
                QuestionResult(
                    question=q,
                    main=_distribution(q, main),
                    region=_distribution(q, region) if region is not None else None,
                    texts=main.texts.get(q.pk, []),
                    text_total=main.text_totals.get(q.pk, 0) + sum(counts.values()),
                    own=counts.get(ProposalMode.OWN, 0),
                    together=counts.get(ProposalMode.TOGETHER, 0),
                )
            )
        section_results.append((s, rows))
    return SurveyResults(
        survey=survey,
        municipality=municipality,
        respondents=sum(main.kinds.values()),
        by_kind=[(str(k.label), main.kinds.get(k.value, 0)) for k in RespondentKind],
        by_kind_codes={k.value: main.kinds.get(k.value, 0) for k in RespondentKind},
        sections=section_results,
        by_municipality=(
            by_municipality
            if by_municipality is not None
            else results_by_municipality(survey=survey)
            if survey.is_regional
            else []
        ),
    )


def results_by_municipality(*, survey: Survey) -> list[MunicipalityRow]:
    """Invited and answered parties per municipality of a regional survey (three queries)."""
    invited = dict(
        survey.invitations.values("municipality_id")
        .annotate(n=Count("id"))
        .values_list("municipality_id", "n")
    )
    submitted = dict(
        survey.responses.filter(status=ResponseStatus.SUBMITTED)
        .values("municipality_id")
        .annotate(n=Count("id"))
        .values_list("municipality_id", "n")
    )
    return [
        MunicipalityRow(m, invited.get(m.pk, 0), submitted.get(m.pk, 0))
        for m in Municipality.objects.order_by()
        .filter(region_id=survey.region_id)
        .order_by("name_fi")
        if invited.get(m.pk) or submitted.get(m.pk)
    ]


# --- premises (P22) ---------------------------------------------------------------------------


@dataclass
class Share:
    yes: int = 0
    total: int = 0

    @property
    def percent(self) -> int | None:
        return rounding.percent(self.yes, self.total) if self.total else None


@dataclass
class PremisesRow:
    municipality: Municipality | None  # None = the whole region
    survey_sote: Share = field(default_factory=Share)
    survey_other: Share = field(default_factory=Share)
    registry_sote: Share = field(default_factory=Share)
    registry_other: Share = field(default_factory=Share)


@dataclass
class PremisesStatistics:
    region: Region
    survey: Survey | None
    total: PremisesRow
    rows: list[PremisesRow]
    # A municipality's own survey covers that municipality only: no region-wide figure then.
    municipality: Municipality | None = None


def _is_sote(association_ref: str) -> Exists:
    return Exists(
        Association.categories.through.objects.order_by().filter(
            association_id=OuterRef(association_ref), category__slug=SOTE
        )
    )


def premises_statistics(*, region: Region, survey: Survey | None = None) -> PremisesStatistics:
    """What share of social-and-health (and other) associations operate in municipal premises.

    From the answers to the survey's premises question (submitted association answers), and from
    the registry field ``Association.uses_municipal_premises``; per municipality and region-wide.
    A municipality's survey gives the figures of that municipality only. Three queries.
    """
    only = survey.municipality if survey is not None and not survey.is_regional else None
    in_scope = Q(pk=only.pk) if only is not None else Q(region=region)
    municipalities = list(Municipality.objects.order_by().filter(in_scope).order_by("name_fi"))
    rows = {m.pk: PremisesRow(m) for m in municipalities}
    total = PremisesRow(None)
    registry: QuerySet[Any] = (
        Association.objects.order_by()
        .filter(is_active=True, home_municipality__in=[m.pk for m in municipalities])
        .annotate(sote=_is_sote("pk"))
        .values("home_municipality_id", "sote")
        .annotate(n=Count("id"), yes=Count("id", filter=Q(uses_municipal_premises=True)))
    )
    for r in registry:
        for row in (rows[r["home_municipality_id"]], total):
            share = row.registry_sote if r["sote"] else row.registry_other
            share.total += r["n"]
            share.yes += r["yes"]
    if survey is not None:
        answers: QuerySet[Any] = (
            Answer.objects.order_by()
            .filter(
                response__survey=survey,
                response__status=ResponseStatus.SUBMITTED,
                response__invitation__association__isnull=False,
                question__is_premises_question=True,
                yes__isnull=False,
            )
            .annotate(sote=_is_sote("response__invitation__association_id"))
            .values("response__municipality_id", "sote")
            .annotate(n=Count("id"), yes_n=Count("id", filter=Q(yes=True)))
        )
        for r in answers:
            targets = [total]
            if r["response__municipality_id"] in rows:
                targets.append(rows[r["response__municipality_id"]])
            for row in targets:
                share = row.survey_sote if r["sote"] else row.survey_other
                share.total += r["n"]
                share.yes += r["yes_n"]
    shown = [
        row
        for row in rows.values()
        if row.registry_sote.total
        or row.registry_other.total
        or row.survey_sote.total
        or row.survey_other.total
    ]
    return PremisesStatistics(
        region=region, survey=survey, total=total, rows=shown, municipality=only
    )


def latest_premises_survey(*, region: Region, published_only: bool) -> Survey | None:
    """The latest regional survey with a premises question (a municipality's own survey is not
    a figure for the whole region)."""
    qs = (
        Survey.objects.order_by()
        .filter(region=region, scope=Scope.REGION, sections__questions__is_premises_question=True)
        .distinct()
    )
    if published_only:
        qs = qs.filter(results_published=True)
    return qs.order_by("-closes_at", "-id").first()
