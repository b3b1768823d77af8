"""One confirmation step for actions that cannot be undone (withdraw an invitation, ...).

GET shows the question and a button; POST runs the action, reports its outcome as a message
and goes back. Works without JavaScript; the service still checks every rule.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def confirmation_page(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    can_confirm: bool,
    closed: str,
    action: Callable[[], object],
    done: str,
    back_url: str,
    back_text: str,
) -> HttpResponse:
    if request.method == "POST":
        try:
            action()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(back_url)
    context = {
        "title": title,
        "question": question,
        "can_confirm": can_confirm,
        "closed": closed,
        "back_url": back_url,
        "back_text": back_text,
    }
    return render(request, "core/confirm.html", context)
