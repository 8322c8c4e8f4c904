#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: a Chromium (Debian's package, unless
# CHROMIUM_PATH already names one) and the npm dependencies. Browsers are never downloaded by npm.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if ! [ -x "$chromium" ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium package (set CHROMIUM_PATH to use another browser)"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no Chromium at $chromium; install Chromium or Chrome and set CHROMIUM_PATH to its binary" >&2
    exit 1
  fi
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
