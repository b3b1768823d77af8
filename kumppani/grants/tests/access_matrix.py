"""The grants app's entries of the permission matrix, one module per domain."""

from kumppani.grants.tests import (
    matrix_apply,
    matrix_manage,
    matrix_pay,
    matrix_public,
    matrix_review,
)

PAGES = {
    **matrix_public.PAGES,
    **matrix_manage.PAGES,
    **matrix_apply.PAGES,
    **matrix_review.PAGES,
    **matrix_pay.PAGES,
}
API = {
    **matrix_public.API,
    **matrix_manage.API,
    **matrix_apply.API,
    **matrix_review.API,
    **matrix_pay.API,
}
