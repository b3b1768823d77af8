"""Django strings whose Finnish translation Django itself leaves empty.

Listing them here puts them in the core catalogue, which takes precedence over Django's own, so
the password rules on the sign-up page are in Finnish too.
"""

from django.utils.translation import ngettext_lazy

PASSWORD_TOO_SHORT = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    8,
)
