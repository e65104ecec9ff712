#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: OneWindow contributors
#
# Sets up a fresh Debian 12 machine, builds OneWindow, starts onewindow-central
# on loopback with its embedded store, and opens the workstation connected to it.
#
#   scripts/run-demo.sh                      open the workstation on this display
#   scripts/run-demo.sh --screenshot DIR     headless: run under Xvfb, sign in, save
#                                            screenshots of the login and main window to DIR
# Environment: OW_DEMO_DIR (data, default ~/.local/share/onewindow-demo), OW_DEMO_PORT (8470).
set -eu
cd "$(dirname "$0")/.."
ROOT=$PWD

screenshot_dir=""
lang_args=""
while [ $# -gt 0 ]; do
    case "$1" in
        --screenshot) screenshot_dir=$(realpath -m "$2"); shift ;;
        --lang) lang_args="--lang $2"; shift ;;
        *) echo "run-demo.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

./scripts/setup-deps.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/ccache}" CCACHE_BASEDIR="$ROOT"
cmake --preset dev >/dev/null
cmake --build --preset dev --parallel "$(nproc)" --target onewindow onewindow-central onewindow-admin

BIN="$ROOT/build/dev/bin"
DEMO="${OW_DEMO_DIR:-$HOME/.local/share/onewindow-demo}"
PORT="${OW_DEMO_PORT:-8470}"
URL="http://127.0.0.1:$PORT"
mkdir -p "$DEMO"
# A demo centre recovery key: the workstation escrows its store key for it on first use.
# (A real centre keeps the private half offline and installs /etc/onewindow/recovery.pub.)
RECOVERY="$DEMO/demo-recovery-key.pem"
[ -f "$RECOVERY.pub" ] || "$BIN/onewindow-admin" generate-recovery-key --out "$RECOVERY" >/dev/null

"$BIN/onewindow-central" --listen 127.0.0.1 --port "$PORT" --data-dir "$DEMO/central" $lang_args &
CENTRAL_PID=$!
trap 'kill $CENTRAL_PID 2>/dev/null || true' EXIT INT TERM
i=0
until curl -fsS "$URL/healthz" >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 50 ] || ! kill -0 $CENTRAL_PID 2>/dev/null; then
        echo "run-demo.sh: onewindow-central did not come up on $URL" >&2
        exit 1
    fi
    sleep 0.2
done
echo "run-demo.sh: central server healthy: $(curl -fsS "$URL/healthz")"

if [ -n "$screenshot_dir" ]; then
    mkdir -p "$screenshot_dir"
    exec ./scripts/take-screenshots.sh "$BIN" "$URL" "$DEMO" "$screenshot_dir" --recovery-public-key "$RECOVERY.pub" $lang_args
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run-demo.sh: no display; run it in a desktop session, or with --screenshot DIR to run headless" >&2
    exit 1
fi
"$BIN/onewindow" --server "$URL" --data-dir "$DEMO/workstation" --recovery-public-key "$RECOVERY.pub" $lang_args
