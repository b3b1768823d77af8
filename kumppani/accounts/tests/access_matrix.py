from kumppani.core.tests.matrix import ADMIN, OK, logged_in, only

PAGES = {
    "accounts:roles": only(*ADMIN),
    "accounts:remove_role": only(
        *ADMIN,
        ok=OK,
        method="post",
        kwargs=lambda w: {"pk": w.liaison.roles.get().pk},
    ),
    "accounts:audit": only(*ADMIN),
    "accounts:my_data": logged_in(),
    "accounts:delete_account": logged_in(),
}
