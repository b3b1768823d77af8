"""Writes for surveys: the builder, invitations and answering."""

from kumppani.surveys.services.builder import (
    choices_set,
    question_create,
    question_delete,
    question_move,
    question_update,
    results_publish,
    section_create,
    section_delete,
    section_move,
    section_update,
    survey_create,
    survey_update,
)
from kumppani.surveys.services.invitations import (
    invitation_create,
    invitation_for_resident,
    invitations_for_associations,
)
from kumppani.surveys.services.responses import (
    SaveResult,
    SurveyClosedError,
    response_save,
    response_submit,
)

__all__ = [
    "SaveResult",
    "SurveyClosedError",
    "choices_set",
    "invitation_create",
    "invitation_for_resident",
    "invitations_for_associations",
    "question_create",
    "question_delete",
    "question_move",
    "question_update",
    "response_save",
    "response_submit",
    "results_publish",
    "section_create",
    "section_delete",
    "section_move",
    "section_update",
    "survey_create",
    "survey_update",
]
