"""The design system's files are built from the npm packages, and pages stay light."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client

from kumppani.core.assets import ICONS, assets_build, icon_symbol, tokens_css

PAGE_BUDGET_BYTES = 100 * 1024


def test_tokens_become_css_custom_properties() -> None:
    css = tokens_css(
        "$fi-color-brand-base: hsl(214, 100%, 24%);"
        "@mixin fi-text-heading1 {\n font-size: 40px;\n font-weight: 300;\n}"
    )
    assert "--fi-color-brand-base: hsl(214, 100%, 24%);" in css
    assert "--fi-text-heading1-font-size: 40px;" in css


def test_icon_component_becomes_a_symbol() -> None:
    source = (
        'React.createElement("svg", Object.assign({viewBox: "0 0 24 24"}, props), '
        'React.createElement("path", {fillRule: "evenodd", d: "M1 1h2v2z", fill: "#212121"}))'
    )
    assert icon_symbol("menu", source) == (
        '<symbol id="menu" viewBox="0 0 24 24"><path d="M1 1h2v2z" fill-rule="evenodd"/></symbol>'
    )


def test_build_from_installed_packages_ships_only_the_used_icons(tmp_path: Path) -> None:
    assets_build(node_modules=Path(settings.BASE_DIR) / "node_modules", out_dir=tmp_path)
    sprite = (tmp_path / "kumppani" / "icons.svg").read_text(encoding="utf-8")
    assert sorted(re.findall(r'<symbol id="([^"]+)"', sprite)) == sorted(ICONS)
    assert "--fi-color-brand-base" in (tmp_path / "kumppani" / "tokens.css").read_text()


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/fi/", "/fi/municipalities/276/", "/fi/associations/"])
def test_page_with_its_css_and_js_is_under_100_kb_compressed(client: Client, path: str) -> None:
    html = client.get(path).content
    text = html.decode()
    assets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"(?! media="print")', text)
    assets += re.findall(r'<script[^>]+src="/static/([^"]+)"', text)
    assets += sorted(set(re.findall(r'<use href="/static/([^"#]+)#', text)))
    assert "kumppani/tokens.css" in assets and "kumppani/site.css" in assets
    total = len(gzip.compress(html))
    for asset in assets:
        found = finders.find(asset)
        assert found, f"{asset} is not built: run manage.py build_assets"
        total += len(gzip.compress(Path(str(found)).read_bytes()))
    assert total < PAGE_BUDGET_BYTES, f"{path}: {total} bytes compressed"
