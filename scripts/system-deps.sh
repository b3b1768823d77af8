#!/usr/bin/env bash
# Installs the system packages Kumppani needs, only where missing. Safe to run repeatedly.
set -euo pipefail
need=()
dpkg -s libvoikko1 >/dev/null 2>&1 || need+=(libvoikko1)
dpkg -s voikko-fi >/dev/null 2>&1 || need+=(voikko-fi)
dpkg -s gettext >/dev/null 2>&1 || need+=(gettext)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
dpkg -s chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s chromium-driver >/dev/null 2>&1 || need+=(chromium-driver)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
if ((${#need[@]})); then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing Debian packages: ${need[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "WARNING: missing Debian packages (${need[*]}); run as root: apt-get install ${need[*]}" >&2
    echo "         Without Voikko, search falls back to Snowball stems." >&2
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ] \
  || [ ! -f node_modules/suomifi-design-tokens/dist/tokens.scss ] \
  || [ ! -d node_modules/suomifi-icons/esm ]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --no-audit --no-fund --silent >/dev/null
  else
    echo "WARNING: npm missing; the design system and browser accessibility tests need it" >&2
  fi
fi
