#!/usr/bin/env bash
# Installs redis-server and redis-cli (Debian/Ubuntu) when they are missing. Needs root (or passwordless sudo).
# Used by the Redis test fixture and .ci/run; harmless when Redis is already installed.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-redis.sh: no apt-get here; install redis-server (7.x) and redis-cli with your package manager." >&2
    exit 1
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo_cmd="sudo -n"
    else
        echo "install-redis.sh: not root and no passwordless sudo; run: apt-get install -y redis-server" >&2
        exit 1
    fi
fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq redis-server redis-tools >/dev/null
# The package starts a system service on 6379; the tests and the local script use their own processes and ports.
