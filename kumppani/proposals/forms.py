from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from kumppani.accounts.access import AnyUser, roles_of
from kumppani.associations.models import Association
from kumppani.core.i18n import localized
from kumppani.core.limits import SHORT_TEXT
from kumppani.forums.models import Forum
from kumppani.geography.models import Municipality
from kumppani.proposals import access
from kumppani.proposals.models import (
    PROPOSAL_TEXT,
    Criterion,
    Decision,
    Proposal,
    ProposalGroup,
    ProposerType,
)
from kumppani.welfare.models import Goal, Measure, Theme

TOGETHER_CHOICES = [
    ("own", _("Our own measure: we can carry it out ourselves")),
    ("together", _("Together with others")),
]
SCORE_CHOICES = [(str(i), str(i)) for i in range(1, 6)]


def _model_field(form: forms.Form, name: str) -> forms.ModelChoiceField[Any]:
    return cast("forms.ModelChoiceField[Any]", form.fields[name])


def _choice_field(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


class SubmitForm(forms.Form):
    text = forms.CharField(
        label=_("Proposal"),
        max_length=PROPOSAL_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A concrete measure: what, for whom, by whom. Large or small."),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme of the welfare plan"), queryset=Theme.objects.none(), required=False
    )
    proposer_type = forms.ChoiceField(label=_("Proposed by"), choices=ProposerType.choices)
    association = forms.ModelChoiceField(
        label=_("Association"), queryset=Association.objects.none(), required=False
    )
    proposer_name = forms.CharField(
        label=_("Name of the team or stakeholder"), max_length=200, required=False
    )
    together = forms.ChoiceField(
        label=_("Who carries it out"),
        choices=TOGETHER_CHOICES,
        widget=forms.RadioSelect,
        initial="own",
    )
    forum = forms.ModelChoiceField(
        label=_("Recorded at a forum"),
        queryset=Forum.objects.none(),
        required=False,
        help_text=_("For proposals written down at a workshop or association evening."),
    )

    def __init__(self, *args: Any, user: AnyUser, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.user, self.municipality = user, municipality
        _model_field(self, "theme").queryset = Theme.objects.filter(
            plan__municipality=municipality
        ).select_related("plan")
        assessor = access.can_assess(user, municipality.pk)
        allowed = [ProposerType.RESIDENT]
        associations = Association.objects.filter(is_active=True)
        if assessor:
            allowed = list(ProposerType)
            _model_field(self, "association").queryset = associations.filter(
                home_municipality=municipality
            ) | associations.filter(pk__in=roles_of(user).associations)
            _model_field(self, "forum").queryset = Forum.objects.filter(
                municipalities=municipality
            ).order_by("-start")
        else:
            del self.fields["forum"]
            mine = associations.filter(pk__in=roles_of(user).associations)
            _model_field(self, "association").queryset = mine
            if roles_of(user).associations:
                allowed = [ProposerType.ASSOCIATION, ProposerType.RESIDENT]
                only = list(mine[:2])
                if len(only) == 1:  # a representative of one association: preselected
                    self.fields["association"].initial = only[0].pk
        if ProposerType.ASSOCIATION not in allowed:
            del self.fields["association"]
        if ProposerType.TEAM not in allowed:
            del self.fields["proposer_name"]
        _choice_field(self, "proposer_type").choices = [(t.value, t.label) for t in allowed]
        self.fields["proposer_type"].initial = allowed[0].value

    def clean(self) -> dict[str, Any]:
        # The view checks the right to speak for the association before proposal_create runs
        # (which enforces every other rule), so the association must be known here.
        data = super().clean() or {}
        if data.get("proposer_type") == ProposerType.ASSOCIATION and not data.get("association"):
            self.add_error("association", _("Choose the association that makes the proposal."))
        return data


class ScoreForm(forms.Form):
    def __init__(self, *args: Any, criteria: list[Criterion], mine: dict[int, int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            low = localized(criterion, "low") or _("weak")
            high = localized(criterion, "high") or _("strong")
            self.fields[f"criterion_{criterion.pk}"] = forms.ChoiceField(
                label=str(criterion),
                choices=[
                    ("1", _("1 (%(meaning)s)") % {"meaning": low}),
                    *SCORE_CHOICES[1:4],
                    ("5", _("5 (%(meaning)s)") % {"meaning": high}),
                ],
                widget=forms.RadioSelect,
                initial=str(mine[criterion.pk]) if criterion.pk in mine else None,
                help_text=_("%(scale)s: 5 is the best score. Weight %(weight)s.")
                % {"scale": criterion.scale, "weight": criterion.weight},
            )

    def values(self) -> dict[int, int]:
        return {c.pk: int(self.cleaned_data[f"criterion_{c.pk}"]) for c in self.criteria}


class GoalSelect(forms.Select):
    """Goal options carry their theme, so a script can show only the chosen theme's goals."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        goal = getattr(value, "instance", None)
        if goal is not None:
            option["attrs"]["data-theme"] = str(goal.theme_id)
        return option


class GoalChoiceField(forms.ModelChoiceField[Goal]):
    def label_from_instance(self, obj: Goal) -> str:
        return f"{obj.theme} – {obj}"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=SHORT_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
    theme = forms.ModelChoiceField(
        label=_("Theme of the plan (for a new measure)"),
        queryset=Theme.objects.none(),
        required=False,
        help_text=_("The goal below must be one of this theme's goals."),
    )
    goal = GoalChoiceField(
        label=_("Goal of the plan (for a new measure)"),
        queryset=Goal.objects.none(),
        required=False,
        widget=GoalSelect(attrs={"data-theme-filter": "id_theme"}),
    )
    measure_title = forms.CharField(
        label=_("Name of the new measure"),
        max_length=300,
        required=False,
        help_text=_(
            "Proposed from the most central proposal: edit it into a short name of what will be "
            "done."
        ),
    )
    responsible_unit = forms.CharField(
        label=_("Responsible municipal unit"), max_length=200, required=False
    )
    measure = forms.ModelChoiceField(
        label=_("Or link an existing measure"), queryset=Measure.objects.none(), required=False
    )
    forwarded_to = forms.CharField(label=_("Forwarded to"), max_length=200, required=False)
    merged_into_group = forms.ModelChoiceField(
        label=_("Merged into group"), queryset=ProposalGroup.objects.none(), required=False
    )
    merged_into_proposal = forms.IntegerField(
        label=_("Or merged into proposal number"), min_value=1, required=False
    )

    def __init__(
        self,
        *args: Any,
        municipality: Municipality,
        exclude_group: int | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        plan_goals = Goal.objects.filter(theme__plan__municipality=municipality)
        _model_field(self, "goal").queryset = plan_goals.select_related("theme").order_by(
            "theme__order", "theme_id", "order", "id"
        )
        _model_field(self, "theme").queryset = Theme.objects.filter(
            plan__municipality=municipality
        ).order_by("plan_id", "order", "id")
        _model_field(self, "measure").queryset = Measure.objects.filter(
            goal__theme__plan__municipality=municipality
        )
        groups = ProposalGroup.objects.filter(municipality=municipality)
        if exclude_group is not None:
            groups = groups.exclude(pk=exclude_group)
        _model_field(self, "merged_into_group").queryset = groups.order_by("label")
        self.municipality = municipality

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        theme, goal = data.get("theme"), data.get("goal")
        if theme is not None and goal is not None and goal.theme_id != theme.pk:
            self.add_error(
                "goal",
                _("The goal “%(goal)s” is not one of the goals of the theme “%(theme)s”.")
                % {"goal": goal, "theme": theme},
            )
        return data

    def clean_merged_into_proposal(self) -> Proposal | None:
        number = self.cleaned_data.get("merged_into_proposal")
        if number is None:
            return None
        found = Proposal.objects.filter(pk=number, municipality=self.municipality).first()
        if found is None:
            raise forms.ValidationError(_("No proposal with this number in the municipality."))
        return found


class MoveForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Move to group"),
        queryset=ProposalGroup.objects.none(),
        required=False,
        empty_label=_("(no group)"),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _model_field(self, "group").queryset = ProposalGroup.objects.filter(
            municipality=municipality
        ).order_by("label")


class MergeForm(forms.Form):
    source = forms.ModelChoiceField(
        label=_("Merge this group into the current one"), queryset=ProposalGroup.objects.none()
    )

    def __init__(self, *args: Any, group: ProposalGroup, **kwargs: Any):
        super().__init__(*args, **kwargs)
        _model_field(self, "source").queryset = (
            ProposalGroup.objects.filter(municipality_id=group.municipality_id, decision="")
            .exclude(pk=group.pk)
            .order_by("label")
        )


class SplitForm(forms.Form):
    proposals = forms.MultipleChoiceField(
        label=_("Proposals to move into a new group"), widget=forms.CheckboxSelectMultiple
    )
    label = forms.CharField(
        label=_("Label of the new group"),
        max_length=200,
        required=False,
        help_text=_("Empty: made from the key words of the chosen proposals."),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _choice_field(self, "proposals").choices = choices


class RenameForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=200)


class CriterionForm(forms.ModelForm[Criterion]):
    class Meta:
        model = Criterion
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "low_fi",
            "low_sv",
            "low_en",
            "high_fi",
            "high_sv",
            "high_en",
            "weight",
            "order",
        ]
