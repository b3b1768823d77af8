"""The premises app's entries of the permission matrix, one module per domain."""

from kumppani.premises.tests import matrix_book, matrix_manage, matrix_rounds, matrix_stats

PAGES = {
    **matrix_manage.PAGES,
    **matrix_book.PAGES,
    **matrix_rounds.PAGES,
    **matrix_stats.PAGES,
}
API = {
    **matrix_manage.API,
    **matrix_book.API,
    **matrix_rounds.API,
    **matrix_stats.API,
}
