"""The liaison network's shared materials."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from kumppani.accounts.audit import audit_record
from kumppani.accounts.models import User
from kumppani.forums.models import Forum, NetworkMaterial
from kumppani.forums.uploads import validate_material
from kumppani.geography.models import Region


@transaction.atomic
def material_add(
    *,
    region: Region,
    title: str,
    actor: User | None,
    url: str = "",
    file: UploadedFile | None = None,
    forum: Forum | None = None,
) -> NetworkMaterial:
    if file is not None:
        validate_material(file)
    material = NetworkMaterial(region=region, title=title, url=url, forum=forum, added_by=actor)
    if file is not None:
        material.file = file
    material.full_clean()
    material.save()
    audit_record(actor=actor, action="network.material_add", target=material, summary=title)
    return material
