#!/usr/bin/env bash
# Installs Debian's chromium (for the inbox's browser tests, driven by Microsoft.Playwright through its executable path;
# no browser download) when it is missing. Needs root (or passwordless sudo); harmless when chromium is installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-chromium.sh chromium
