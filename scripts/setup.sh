#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: a Chromium (Debian's package, unless
# CHROMIUM_PATH already names one), Firefox ESR (the Firefox build and verdicts are tested in it),
# zsh and curl (the curl export is run by real bash, zsh and curl in the tests), Xvfb (`npm start`
# in a real window on a machine without a display: `xvfb-run -a npm start`, as it says), the server
# software the fix tests run (nginx, Apache, Caddy, Django with django-cors-headers, Flask with
# Flask-CORS, from Debian's packages; the Node servers come from npm) and the npm dependencies.
# Browsers are never downloaded by npm.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
packages=()
if ! [ -x "$chromium" ]; then packages+=(chromium); fi
if ! command -v zsh >/dev/null 2>&1; then packages+=(zsh); fi
if ! command -v curl >/dev/null 2>&1; then packages+=(curl); fi
if ! command -v firefox-esr >/dev/null 2>&1; then packages+=(firefox-esr); fi
if ! command -v xvfb-run >/dev/null 2>&1 || ! command -v xauth >/dev/null 2>&1; then packages+=(xvfb xauth); fi
if ! [ -x /usr/sbin/nginx ]; then packages+=(nginx); fi
if ! [ -x /usr/sbin/apache2 ]; then packages+=(apache2); fi
if ! command -v caddy >/dev/null 2>&1; then packages+=(caddy); fi
# Debian's own Python (/usr/bin/python3) runs the Python servers, whatever python3 is first on PATH.
for module in django:python3-django corsheaders:python3-django-cors-headers flask:python3-flask flask_cors:python3-flask-cors; do
  if ! /usr/bin/python3 -c "import ${module%%:*}" >/dev/null 2>&1; then packages+=("${module#*:}"); fi
done

if [ "${#packages[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian packages: ${packages[*]} (set CHROMIUM_PATH to use another browser)"
    sudo_cmd=""
    if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo_cmd apt-get update -qq
    # policy-rc.d 101: the packages' own services (nginx and Apache on port 80) are not started;
    # the tests start their own servers on 127.0.0.1. Only where the machine has no policy-rc.d of
    # its own (then kept as it is), and removed again even when the install fails.
    if ! [ -e /usr/sbin/policy-rc.d ]; then
      $sudo_cmd sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
      trap "$sudo_cmd rm -f /usr/sbin/policy-rc.d" EXIT
    fi
    $sudo_cmd apt-get install -y -qq "${packages[@]}" >/dev/null
  else
    echo "setup: missing ${packages[*]}; install them (for Chromium or Chrome, set CHROMIUM_PATH to its binary)" >&2
    exit 1
  fi
fi

export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm ci --no-audit --no-fund
