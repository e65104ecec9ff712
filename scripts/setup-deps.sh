#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: OneWindow contributors
#
# Installs the Debian 12 (and UOS / Kylin) packages OneWindow builds and tests with.
# Idempotent: installs only what is missing; uses sudo when not root.
set -eu

PACKAGES="build-essential cmake pkgconf ccache ninja-build git \
  qt6-base-dev libqt6opengl6-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-charts-dev \
  qt6-svg-dev qt6-pdf-dev qt6-httpserver-dev qt6-websockets-dev qt6-qpa-plugins libqt6sql6-psql libqt6sql6-sqlite \
  qt6-translations-l10n \
  qtkeychain-qt6-dev libsecret-1-0 gnome-keyring dbus dbus-x11 \
  fonts-noto-cjk poppler-utils xvfb xauth x11-apps imagemagick xdotool zbar-tools curl \
  libqrencode-dev libssl-dev libsodium-dev libicu-dev libpq-dev postgresql dpkg-dev"
BACKPORTS_PACKAGES="libsqlcipher-dev"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi

missing() {
    out=""
    for p in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
            out="$out $p"
        fi
    done
    echo "$out"
}

# SQLCipher 4 comes from bookworm-backports, on the mirror the machine already uses.
enable_backports() {
    if grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
        return 0
    fi
    uri=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1=="deb" && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list)
    fi
    [ -n "$uri" ] || uri="http://deb.debian.org/debian"
    echo "setup: enabling bookworm-backports from $uri (for SQLCipher 4 only)"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
        | $SUDO tee /etc/apt/sources.list.d/onewindow-backports.sources >/dev/null
    # Pin backports low so nothing but the packages we ask for by name comes from there.
    printf 'Package: *\nPin: release n=bookworm-backports\nPin-Priority: 100\n' \
        | $SUDO tee /etc/apt/preferences.d/onewindow-backports >/dev/null
    NEED_UPDATE=1
}

NEED_UPDATE=0
MISSING=$(missing $PACKAGES)
SQLCIPHER_OK=0
if dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null | grep -q '^4'; then SQLCIPHER_OK=1; fi

if [ -z "$MISSING" ] && [ "$SQLCIPHER_OK" -eq 1 ]; then
    echo "setup: all system packages present"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
[ "$SQLCIPHER_OK" -eq 1 ] || enable_backports
$SUDO apt-get update -q
if [ -n "$MISSING" ]; then
    echo "setup: installing$MISSING"
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -q --no-install-recommends $MISSING
fi
if [ "$SQLCIPHER_OK" -eq 0 ]; then
    $SUDO apt-get install -y -q --no-install-recommends -t bookworm-backports $BACKPORTS_PACKAGES
fi
echo "setup: system packages ready"
