"""What the cooperation app shows on the region map: named liaisons and the guide's age."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kumppani.cooperation import selectors
from kumppani.core.region_indicators import Reading, RegionIndicator
from kumppani.geography.models import Region

YEAR = 365


def _liaisons(region: Region) -> dict[str, Reading]:
    """One query."""
    readings = {}
    for row in selectors.region_overview(region=region):
        count = row.liaison_count
        text = ngettext("%(count)s named liaison", "%(count)s named liaisons", count) % {
            "count": count
        }
        if not count:
            text = str(_("No named liaison"))
        readings[row.municipality.code] = Reading(level=1 if count else 0, text=text)
    return readings


def _guide_age(region: Region) -> dict[str, Reading]:
    """One query. Darker is fresher: a guide published within a year is the darkest class."""
    readings = {}
    for row in selectors.region_overview(region=region):
        days = row.guide_age_days
        if days is None:
            readings[row.municipality.code] = Reading(0, str(_("No published guide")))
            continue
        level = 3 if days < YEAR else 2 if days < 2 * YEAR else 1
        published = date_format(localtime(row.guide_published_at).date(), "SHORT_DATE_FORMAT")
        text = ngettext(
            "Published %(date)s, %(days)s day ago", "Published %(date)s, %(days)s days ago", days
        ) % {"date": published, "days": days}
        readings[row.municipality.code] = Reading(level, text)
    return readings


LIAISONS = RegionIndicator(
    key="liaison",
    label=_("Named association liaison"),
    levels=(_("No named liaison"), _("Liaison named")),
    read=_liaisons,
    order=10,
)
GUIDE_AGE = RegionIndicator(
    key="guide",
    label=_("Age of the cooperation guide"),
    levels=(
        _("No published guide"),
        _("Published over two years ago"),
        _("Published one to two years ago"),
        _("Published within a year"),
    ),
    read=_guide_age,
    order=20,
)
