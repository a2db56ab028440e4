#!/usr/bin/env bash
# Installs redis-server and redis-cli (Debian/Ubuntu) when they are missing. Needs root (or passwordless sudo).
# Used by the Redis test fixture and .ci/run; harmless when Redis is already installed.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
    exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-redis.sh redis-server redis-tools
# The package starts a system service on 6379; the tests and the local script use their own processes and ports.
