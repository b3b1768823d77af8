from django.urls import path

from kumppani.proposals.views import assess, board, public

app_name = "proposals"
urlpatterns = [
    path("municipalities/<str:code>/proposals/new/", public.submit, name="submit"),
    path("municipalities/<str:code>/proposals/outcomes/", public.outcomes, name="outcomes"),
    path("municipalities/<str:code>/proposals/work/", board.board, name="board"),
    path("municipalities/<str:code>/proposals/regroup/", board.regroup, name="regroup"),
    path("municipalities/<str:code>/proposals/criteria/", board.criteria, name="criteria"),
    path("proposals/mine/", public.mine, name="mine"),
    path("proposals/<int:pk>/", assess.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/score/", assess.proposal_score, name="proposal_score"),
    path("proposals/<int:pk>/decide/", assess.proposal_decide, name="proposal_decide"),
    path("proposals/<int:pk>/move/", assess.proposal_move_view, name="proposal_move"),
    path("proposal-groups/<int:pk>/", assess.group_detail, name="group"),
    path("proposal-groups/<int:pk>/score/", assess.group_score, name="group_score"),
    path("proposal-groups/<int:pk>/decide/", assess.group_decide, name="group_decide"),
    path("proposal-groups/<int:pk>/merge/", board.group_merge_view, name="group_merge"),
    path("proposal-groups/<int:pk>/split/", board.group_split_view, name="group_split"),
    path("proposal-groups/<int:pk>/rename/", board.group_rename_view, name="group_rename"),
]
