"""Registrations of payments and use reports: the use report reminders, and grants' part of a
person's data (export and erasure)."""

from __future__ import annotations


def register() -> None:
    from kumppani.accounts.personal_data import register_personal_data
    from kumppani.core.reminders import register_reminder
    from kumppani.grants import personal_data_pay
    from kumppani.grants.services.use_reports import use_report_reminders_send

    register_reminder("grant_use_report_due", use_report_reminders_send)
    register_personal_data(
        "grants", exporter=personal_data_pay.export, eraser=personal_data_pay.erase
    )
