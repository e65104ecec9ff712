#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: OneWindow contributors
#
# Runs the workstation in a virtual X display, signs in with the keyboard as a
# clerk would, and saves screenshots. Called by run-demo.sh --screenshot.
# Usage: take-screenshots.sh BIN_DIR SERVER_URL DEMO_DIR OUT_DIR [--lang L]
set -eu
BIN=$1 URL=$2 DEMO=$3 OUT=$4
shift 4

if [ -z "${XVFB_RUNNING:-}" ]; then
    export XVFB_RUNNING=1
    exec xvfb-run -a -s "-screen 0 1280x860x24" "$0" "$BIN" "$URL" "$DEMO" "$OUT" "$@"
fi
# A desktop session has a keyring; a headless one gets a throw-away keyring (and store).
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    export OW_DEMO_THROWAWAY=1
    exec "$(dirname "$0")/../tests/fixtures/run-with.sh" --keyring -- "$0" "$BIN" "$URL" "$DEMO" "$OUT" "$@"
fi
data="$DEMO/workstation"
[ -z "${OW_DEMO_THROWAWAY:-}" ] || data=$(mktemp -d)

shot() {
    sleep "$1"
    import -window root "$OUT/$2.png"
    echo "take-screenshots.sh: $OUT/$2.png"
}

"$BIN/onewindow" --server "$URL" --data-dir "$data" --user clerk01 "$@" &
APP=$!
trap 'kill $APP 2>/dev/null || true' EXIT
shot 3 login
xdotool type --delay 40 "demo-password"
xdotool key Return
shot 3 main-window
# The navigation on the left, one row per page: 叫号, 综合受理, 出件, 打证, 办事工具, 同步.
xdotool mousemove 80 98 click 1
shot 1 queue
xdotool mousemove 80 148 click 1
shot 1 intake
xdotool mousemove 80 198 click 1
shot 1 handout
xdotool mousemove 80 248 click 1
shot 1 print-queue
xdotool mousemove 80 298 click 1
shot 1 desk-tools
xdotool mousemove 80 348 click 1
shot 1 sync
kill $APP
wait $APP 2>/dev/null || true

# The ticket kiosk and the hall's display on the same store: a resident takes
# an A ticket (the first category button, upper left), the display shows it waiting.
"$BIN/onewindow" --kiosk --data-dir "$data" "$@" &
APP=$!
sleep 3
xdotool mousemove 330 300 click 1
shot 1 kiosk
kill $APP
wait $APP 2>/dev/null || true
"$BIN/onewindow" --display --data-dir "$data" "$@" &
APP=$!
shot 3 queue-display
kill $APP
