from kumppani.accounts.models import RoleInvitation
from kumppani.core.tests.matrix import ADMIN, OK, logged_in, only, public

PAGES = {
    "accounts:roles": only(*ADMIN),
    "accounts:remove_role": only(
        *ADMIN,
        ok=OK,
        method="post",
        kwargs=lambda w: {"pk": w.liaison.roles.get().pk},
    ),
    "accounts:audit": only(*ADMIN),
    # Anyone may open the link; only the invited address gets the role (others are sent home).
    "accounts:role_invitation": public(
        ok=302,
        kwargs=lambda w: {
            "token": RoleInvitation.objects.get_or_create(
                email="invitee@example.org", role="admin"
            )[0].token
        },
    ),
    "accounts:withdraw_role_invitation": only(
        *ADMIN,
        kwargs=lambda w: {
            "pk": RoleInvitation.objects.get_or_create(email="invitee@example.org", role="admin")[
                0
            ].pk
        },
    ),
    "accounts:name": logged_in(),
    "accounts:my_data": logged_in(),
    "accounts:delete_account": logged_in(),
}
