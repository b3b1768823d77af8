"""The approved plan as a PDF document and its measures as a spreadsheet."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kumppani.core.i18n import localized
from kumppani.core.spreadsheets import safe_cell
from kumppani.welfare.models import MeasureStatus, Plan


def _loc(data: dict[str, Any], base: str) -> str:
    class _Obj:
        pass

    obj = _Obj()
    for key, value in data.items():
        setattr(obj, key, value)
    return localized(obj, base)


def measures_xlsx(plan: Plan) -> bytes:
    """The measures of the approved version, one row each; before the council's approval, those
    of the working version, in a sheet and a workbook titled as a draft."""
    from kumppani.welfare.services import plan_snapshot

    draft = not plan.approved_snapshot
    snapshot = plan_snapshot(plan=plan) if draft else plan.approved_snapshot or {}
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = (_("Measures (draft)") if draft else _("Measures"))[:31]
    wb.properties.title = (
        _("%(plan)s – draft, not approved by the council") % {"plan": plan} if draft else str(plan)
    )
    ws.append(
        [
            _("Theme"),
            _("Goal"),
            _("Measure"),
            _("Responsible municipal unit"),
            _("Responsible association"),
            _("Resources"),
            _("Schedule"),
            _("Status"),
            _("Progress (%)"),
        ]
    )
    statuses = dict(MeasureStatus.choices)
    for theme in snapshot.get("themes", []):
        for goal in theme.get("goals", []):
            for m in goal.get("measures", []):
                ws.append(
                    [
                        safe_cell(_loc(theme, "name")),
                        safe_cell(_loc(goal, "title")),
                        safe_cell(_loc(m, "title")),
                        safe_cell(m.get("responsible_unit", "")),
                        safe_cell(m.get("responsible_association", "")),
                        safe_cell(m.get("resources", "")),
                        safe_cell(m.get("schedule", "")),
                        str(statuses.get(m.get("status", ""), m.get("status", ""))),
                        m.get("progress", 0),
                    ]
                )
    for column, width in zip("ABCDEFGHI", (30, 40, 50, 30, 30, 30, 20, 14, 12), strict=True):
        ws.column_dimensions[column].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def plan_pdf(plan: Plan, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string("welfare/plan_pdf.html", context)
    return HTML(string=html, base_url=None).write_pdf()
