from kumppani.core.tests.matrix import ADMIN, OK, only

PAGES = {
    "accounts:roles": only(*ADMIN),
    "accounts:remove_role": only(
        *ADMIN,
        ok=OK,
        method="post",
        kwargs=lambda w: {"pk": w.liaison.roles.get().pk},
    ),
}
