#!/usr/bin/env bash
# Installs Debian/Ubuntu packages with apt-get, as root or through passwordless sudo; says what to run when it cannot.
# Usage: apt-install.sh WHO PACKAGE... (WHO names the calling script in messages). Used by install-redis.sh and
# install-postgres.sh.
set -euo pipefail
who=$1
shift
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$who: no apt-get here; install $* with your package manager." >&2
    exit 1
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo_cmd="sudo -n"
    else
        echo "$who: not root and no passwordless sudo; run: apt-get install -y $*" >&2
        exit 1
    fi
fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "$@" >/dev/null
