#!/usr/bin/env bash
# Installs Prometheus (Debian's `prometheus` package, /usr/bin/prometheus) for the tests that scrape a real server, and
# stops the service the package may start: the tests run their own Prometheus on a free loopback port.
set -euo pipefail
cd "$(dirname "$0")"
if command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ]; then
    exit 0
fi
bash ./apt-install.sh install-prometheus.sh prometheus
# The package enables prometheus and prometheus-node-exporter services where systemd runs; the tests need neither.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo -n"
    $sudo_cmd systemctl disable --now prometheus prometheus-node-exporter >/dev/null 2>&1 || true
fi
if [ -x /etc/init.d/prometheus ]; then
    /etc/init.d/prometheus stop >/dev/null 2>&1 || true
fi
