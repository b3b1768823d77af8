"""The space tree: a space's ancestors and descendants, read with few queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from kumppani.premises.models import OpeningHours, Space


def ancestor_ids(space: Space) -> list[int]:
    """Ids of the spaces ``space`` is part of, nearest first (one query per level; trees are
    shallow: building → hall → court)."""
    ids: list[int] = []
    parent_id = space.parent_id
    while parent_id is not None and parent_id not in ids:
        ids.append(parent_id)
        parent_id = Space.objects.filter(pk=parent_id).values_list("parent_id", flat=True).get()
    return ids


def municipality_tree(municipality_id: int) -> dict[int | None, list[Space]]:
    """Every space of a municipality by its parent's id (``None``: buildings); one query."""
    children: dict[int | None, list[Space]] = {}
    for space in Space.objects.filter(municipality_id=municipality_id).order_by("name_fi", "pk"):
        children.setdefault(space.parent_id, []).append(space)
    return children


def descendant_ids(space: Space) -> list[int]:
    """Ids of every space inside ``space`` (one query for the municipality's tree)."""
    children = municipality_tree(space.municipality_id)
    found: list[int] = []
    stack = [space.pk]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child.pk)
            stack.append(child.pk)
    return found


def related_ids(space: Space) -> list[int]:
    """The space, its ancestors and its descendants: every space whose bookings can clash."""
    return [space.pk, *ancestor_ids(space), *descendant_ids(space)]


def walk(
    tree: dict[int | None, list[Space]], root: int | None = None
) -> Iterable[tuple[int, Space]]:
    """Depth-first (depth, space) pairs of ``tree`` from ``root``'s children."""
    stack = [(0, s) for s in reversed(tree.get(root, []))]
    while stack:
        depth, space = stack.pop()
        yield depth, space
        stack.extend((depth + 1, c) for c in reversed(tree.get(space.pk, [])))


def hours_in_chain(chain: Sequence[int]) -> dict[int, tuple[dt.time, dt.time]] | None:
    """The opening hours a space follows, given it and its ancestors nearest first: its own,
    else its nearest ancestor's; ``None`` when none has any (open around the clock). One query."""
    rows = list(OpeningHours.objects.filter(space_id__in=chain))
    for pk in chain:
        own = {row.weekday: (row.opens, row.closes) for row in rows if row.space_id == pk}
        if own:
            return own
    return None
