#!/usr/bin/env bash
# Installs the PostgreSQL server binaries (Debian/Ubuntu) when initdb is missing, for the `aquila bench` baseline and
# its tests. Needs root (or passwordless sudo). The package's own cluster service is stopped: the bench starts its own
# server in a temporary folder on a free port.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-postgres.sh postgresql
if command -v service >/dev/null 2>&1; then
    service postgresql stop >/dev/null 2>&1 || sudo -n service postgresql stop >/dev/null 2>&1 || true
fi
