#!/usr/bin/env bash
# Installs headless Chromium for ReportBrowserIT (renders report.html in a real browser).
# Idempotent: does nothing when /usr/bin/chromium exists. Otherwise installs the Debian/Ubuntu
# package with apt-get, as root directly or through sudo.
# Environment: none read.
set -euo pipefail

if [[ -x /usr/bin/chromium ]]; then
  echo "chromium already installed: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-chromium.sh: not root and no sudo; install the 'chromium' package by hand" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update
"${as_root[@]}" apt-get install -y --no-install-recommends chromium
/usr/bin/chromium --version
