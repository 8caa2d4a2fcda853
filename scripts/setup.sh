#!/usr/bin/env bash
# Install what the app and its tests need on a fresh Debian machine (as root):
# Chromium and CJK fonts from apt (browser tests, screenshots; WenQuanYi Micro Hei for PDF briefs
# whose Chinese copies out right), nginx (the scale-out test,
# deploy/start.sh), uv from PyPI (Python deps).
# Safe to run again: it skips what is already there.
set -euo pipefail
have_nginx() { command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx; }
if ! command -v chromium >/dev/null 2>&1 || ! have_nginx || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
   || ! fc-list 2>/dev/null | grep -qi "WenQuanYi Micro Hei"; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk fonts-wqy-microhei fontconfig nginx >/dev/null
fi
command -v uv >/dev/null 2>&1 || python3 -m pip install -q uv
uv sync --locked -q
# axe-core (npm) for the accessibility browser test, pinned by tests/e2e/axe/package-lock.json
if command -v npm >/dev/null 2>&1 && ! test -f tests/e2e/axe/node_modules/axe-core/axe.min.js; then
  npm ci --prefix tests/e2e/axe --no-audit --no-fund --silent
fi
