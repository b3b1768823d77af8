from types import SimpleNamespace

from kumppani.core.unset import UNSET, apply_changes


def test_only_given_values_change_and_none_clears() -> None:
    obj = SimpleNamespace(title="Vanha", owner="yhdistys", progress=10)
    apply_changes(obj, title="Uusi", owner=None, progress=UNSET)
    assert (obj.title, obj.owner, obj.progress) == ("Uusi", None, 10)
