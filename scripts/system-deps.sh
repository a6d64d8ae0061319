#!/usr/bin/env bash
# Installs the Debian packages the portal needs (WeasyPrint's Pango/HarfBuzz, fonts, gettext;
# Chromium and npm for the browser tests, Java for the HTML checker; Dovecot, the IMAP server
# of the bounce tests; wrk, the load of `make bench`) when any is missing. Needs root or sudo
# on a fresh machine; does nothing when all are there.
set -euo pipefail

packages=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0
  fonts-dejavu-core fonts-liberation2 gettext chromium
  poppler-utils
  dovecot-imapd
  wrk
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
# npm may come with another Node.js build (e.g. NodeSource's nodejs); Debian's would clash.
command -v npm >/dev/null 2>&1 || missing+=(npm)
# Java runs the Nu HTML checker (vnu-jar from npm) of tests/test_valid_html.py.
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
