#!/usr/bin/env bash
# Runs `aquila bench` with its Redis baselines: installs redis-server (Debian package) when it is missing, then
# passes every argument on, e.g.  benchmarks/run-redis.sh --quick   or   benchmarks/run-redis.sh --records 1000000 --json
# The load driver starts its own redis-server on a free loopback port with a temporary directory and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null 2>&1; then
  echo "redis-server not found: installing the Debian package redis-server." >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update
  $SUDO apt-get install -y redis-server
fi

dotnet build -c Release src/Aquila.Cli >/dev/null
exec dotnet src/Aquila.Cli/bin/Release/net10.0/aquila.dll bench "$@"
