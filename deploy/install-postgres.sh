#!/usr/bin/env bash
# Installs the PostgreSQL server binaries (Debian/Ubuntu) when initdb is missing, for the `aquila bench` baseline and
# its tests. Needs root (or passwordless sudo). The package's own cluster service is stopped: the bench starts its own
# server in a temporary folder on a free port.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-postgres.sh: no apt-get here; install the PostgreSQL server (initdb, postgres, pg_ctl) with your package manager." >&2
    exit 1
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo_cmd="sudo -n"
    else
        echo "install-postgres.sh: not root and no passwordless sudo; run: apt-get install -y postgresql" >&2
        exit 1
    fi
fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
if command -v service >/dev/null 2>&1; then
    $sudo_cmd service postgresql stop >/dev/null 2>&1 || true
fi
