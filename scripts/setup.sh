#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: a Chromium (Debian's package, unless
# CHROMIUM_PATH already names one), zsh and curl (the curl export is run by real bash, zsh and
# curl in the tests) and the npm dependencies. Browsers are never downloaded by npm.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
if ! [ -x "$chromium" ]; then packages+=(chromium); fi
if ! command -v zsh >/dev/null 2>&1; then packages+=(zsh); fi
if ! command -v curl >/dev/null 2>&1; then packages+=(curl); fi

if [ "${#packages[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${packages[*]} (set CHROMIUM_PATH to use another browser)"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "setup: missing ${packages[*]}; install them (for Chromium or Chrome, set CHROMIUM_PATH to its binary)" >&2
    exit 1
  fi
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
