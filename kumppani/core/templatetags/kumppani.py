"""Template helpers available in every template (registered as builtins)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from kumppani.core.i18n import localized

register = template.Library()


@register.filter(name="tr")
def tr(obj: Any, base: str) -> str:
    """``{{ municipality|tr:"name" }}``: the content field in the active language."""
    return localized(obj, base)


@register.simple_tag(takes_context=True)
def querystring_with(context: dict[str, Any], **kwargs: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request = context["request"]
    params = request.GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def highlight(text: str, terms: frozenset[str] | None) -> SafeString:
    """Escape ``text`` and wrap words whose base form is in ``terms`` in <mark>."""
    from kumppani.core.text import split_for_highlight

    parts = split_for_highlight(text or "", terms or frozenset())
    return format_html_join("", "{}", (((format_html_mark(p) if hit else p),) for p, hit in parts))


def format_html_mark(word: str) -> SafeString:
    from django.utils.html import format_html

    return format_html("<mark>{}</mark>", word)


@register.simple_tag(takes_context=True)
def language_url(context: dict[str, Any], language: str) -> str:
    """The current page in another language (the URL prefix decides the language)."""
    from django.urls import translate_url

    request = context["request"]
    url = translate_url(request.get_full_path(), language)
    return str(url)


@register.simple_tag
def icon(name: str) -> SafeString:
    """``{% icon "menu" %}``: a decorative Suomi.fi icon from the generated sprite.

    Only the icons listed in ``kumppani.core.assets.ICONS`` are in the sprite; the icon is hidden
    from assistive technology, so the element it sits in needs its own text.
    """
    from django.templatetags.static import static
    from django.utils.html import format_html

    from kumppani.core.assets import ICONS

    if name not in ICONS:
        raise template.TemplateSyntaxError(f"unknown icon {name!r}; add it to assets.ICONS")
    return format_html(
        '<svg class="icon" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        static("kumppani/icons.svg"),
        name,
    )


@register.simple_tag
def date_range(start: Any, end: Any = None) -> SafeString:
    """``{% date_range forum.start forum.end %}`` in the active language's formats.

    One day is one date with a time range ("25.12.2026 klo 17.00–19.00", "25 December 2026,
    17:00–19:00"); several days are two full date-times. Both ends are ``<time>`` elements.
    """
    from django.utils import timezone
    from django.utils.formats import date_format, time_format
    from django.utils.html import format_html

    if start is None:
        return format_html("–")
    if timezone.is_aware(start):
        start = timezone.localtime(start)
    first = format_html(
        '<time datetime="{}">{}</time>', start.isoformat(), date_format(start, "DATETIME_FORMAT")
    )
    if end is None:
        return first
    if timezone.is_aware(end):
        end = timezone.localtime(end)
    if end.date() == start.date():
        shown = time_format(end, "TIME_FORMAT")
    else:
        shown = date_format(end, "DATETIME_FORMAT")
    return format_html('{}–<time datetime="{}">{}</time>', first, end.isoformat(), shown)


@register.filter(name="number")
def number(value: Any) -> str:
    """``{{ population|number }}``: grouped in the active language ("15 060", "15,060").

    USE_THOUSAND_SEPARATOR stays off so that ids and years in links and forms are never grouped;
    counts people read go through this filter.
    """
    from django.utils.formats import number_format

    if value in (None, ""):
        return ""
    return number_format(value, force_grouping=True)


@register.filter(name="euros")
def euros_filter(value: Any) -> str:
    """``{{ grant.amount_eur|euros }}``: "1 500,00 €", "€1,500.00" (``kumppani.core.money``)."""
    from kumppani.core.money import euros

    return euros(value)


@register.filter(name="email_date")
def email_date_filter(value: Any) -> str:
    """``{{ forum.start|email_date }}`` in an email: the recipient's language, the site time zone
    (``kumppani.core.notifications.email_date``)."""
    from kumppani.core.notifications import email_date

    return email_date(value)
