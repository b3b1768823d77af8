"""Build the design system's static files from the npm packages (Suomi.fi tokens and icons).

Nothing of the design system is committed: ``manage.py build_assets`` (run by ``make demo`` and
``make test``) reads ``node_modules/suomifi-design-tokens`` and ``node_modules/suomifi-icons`` and
writes two files into ``settings.BUILD_STATIC_DIR`` (git-ignored, one of ``STATICFILES_DIRS``):

- ``kumppani/tokens.css``: every SCSS token as a CSS custom property (``$fi-color-brand-base``
  becomes ``--fi-color-brand-base``; a typography mixin ``fi-text-heading1`` becomes
  ``--fi-text-heading1-font-size`` and friends);
- ``kumppani/icons.svg``: a sprite with only the icons the templates use (``ICONS``), each a
  ``<symbol id="NAME">`` for ``{% icon "NAME" %}``.
"""

from __future__ import annotations

import re
from pathlib import Path

TOKENS_PACKAGE = "suomifi-design-tokens"
ICONS_PACKAGE = "suomifi-icons"

# The icons the templates use ({% icon %} name -> the suomifi-icons base icon component).
# Only these are shipped: the whole set would be larger than a page.
ICONS: dict[str, str] = {
    "menu": "IconMenu",
    "chevron-down": "IconChevronDown",
    "calendar": "IconCalendar",
    "clock": "IconClock",
    "location": "IconMapLocation",
    "person": "IconPerson",
    "search": "IconSearch",
    "login": "IconLogin",
    "logout": "IconLogout",
    "external": "IconLinkExternal",
    "download": "IconDownload",
    "mail": "IconMailSend",
    "phone": "IconPhone",
    "globe": "IconInternet",
}

_VARIABLE = re.compile(r"\$(fi-[a-z0-9-]+):\s*([^;]+);")
_MIXIN = re.compile(r"@mixin (fi-text-[a-z0-9-]+)\s*\{([^}]*)\}")
_DECLARATION = re.compile(r"([a-z-]+):\s*([^;]+);")
_VIEWBOX = re.compile(r'viewBox:\s*"([^"]+)"')
_PATH = re.compile(r'React\.createElement\("path",\s*\{(.*?)\}', re.S)
_D = re.compile(r'\bd:\s*"([^"]+)"')
_FILL_RULE = re.compile(r'fillRule:\s*"([a-z]+)"')


class AssetError(RuntimeError):
    """The npm packages are missing or no longer have the expected shape."""


def tokens_css(scss: str) -> str:
    """The SCSS tokens as CSS custom properties on ``:root``."""
    lines = [f"  --{name}: {value.strip()};" for name, value in _VARIABLE.findall(scss)]
    for name, body in _MIXIN.findall(scss):
        for prop, value in _DECLARATION.findall(body):
            lines.append(f"  --{name}-{prop}: {value.strip()};")
    if not lines:
        raise AssetError(f"no tokens found in {TOKENS_PACKAGE}")
    return (
        f"/* Generated from the npm package {TOKENS_PACKAGE} by manage.py build_assets. */\n"
        ":root {\n" + "\n".join(lines) + "\n}\n"
    )


def icon_symbol(name: str, component_source: str) -> str:
    """One ``<symbol>`` from a suomifi-icons React component's source."""
    viewbox = _VIEWBOX.search(component_source)
    paths = _PATH.findall(component_source)
    if viewbox is None or not paths:
        raise AssetError(f"icon {name!r}: no SVG found in its component")
    shapes = []
    for attributes in paths:
        d = _D.search(attributes)
        if d is None:
            raise AssetError(f"icon {name!r}: a path without data")
        rule = _FILL_RULE.search(attributes)
        fill_rule = f' fill-rule="{rule.group(1)}"' if rule else ""
        shapes.append(f'<path d="{d.group(1)}"{fill_rule}/>')
    return f'<symbol id="{name}" viewBox="{viewbox.group(1)}">{"".join(shapes)}</symbol>'


def icons_svg(node_modules: Path) -> str:
    base = node_modules / ICONS_PACKAGE / "esm" / "svgrComponents" / "baseIcons"
    symbols = []
    for name, component in sorted(ICONS.items()):
        source = base / f"{component}.js"
        if not source.exists():
            raise AssetError(f"{source} is missing: run npm install")
        symbols.append(icon_symbol(name, source.read_text(encoding="utf-8")))
    return (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        f"<!-- Generated from the npm package {ICONS_PACKAGE} (MIT). -->"
        + "".join(symbols)
        + "</svg>\n"
    )


def assets_build(*, node_modules: Path, out_dir: Path) -> list[Path]:
    """Write the generated files; return their paths. Unchanged files are not rewritten."""
    scss = node_modules / TOKENS_PACKAGE / "dist" / "tokens.scss"
    if not scss.exists():
        raise AssetError(f"{scss} is missing: run npm install")
    target = out_dir / "kumppani"
    target.mkdir(parents=True, exist_ok=True)
    outputs = {
        target / "tokens.css": tokens_css(scss.read_text(encoding="utf-8")),
        target / "icons.svg": icons_svg(node_modules),
    }
    for path, content in outputs.items():
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    return list(outputs)
