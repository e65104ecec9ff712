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
#
# The demo server holds one office, 示范县城关街道便民服务中心 (330102001, under the
# county centre 330102000), hosting departments of the demo catalogue, and these
# users, all with the demo password "demo-password":
#   clerk01 张三 (clerk)   reviewer01 李四 (reviewer, MZ and SCJG)   agent01 王五 (agent)
#   supervisor01 赵六 (supervisor)   admin01 陈静 (admin)
# The server signs certificates as the demo authority demo-centre-2026 with a key
# made on first run (central/certificate-authority.pem, 0600), and each demo office
# holds a range of pre-printed certificate paper (SC0000001-SC0000500 at the
# township centre, SC0000501-SC0001000 at the county centre).
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

# The central server's directory and catalogue, set up once (before the server runs).
CENTRAL="$DEMO/central"
if [ ! -f "$CENTRAL/central.db" ] || [ -z "$("$BIN/onewindow-admin" users list --central-data-dir "$CENTRAL")" ]; then
    admin() { "$BIN/onewindow-admin" "$@" --central-data-dir "$CENTRAL" >/dev/null; }
    admin offices add 330102000 --name "示范县政务服务中心" --level county --region 330102
    admin offices add 330102001 --name "示范县城关街道便民服务中心" --level township --region 330102 --parent 330102000
    admin departments add MZ --name "示范县民政局" --office 330102001
    admin departments add SCJG --name "示范县市场监督管理局" --office 330102001
    admin departments add RS --name "示范县人力资源和社会保障局" --office 330102001
    admin departments add YB --name "示范县医疗保障局" --office 330102001
    admin departments add GA --name "示范县公安局（户籍）" --office 330102001
    password_file="$DEMO/demo-password.txt"
    (umask 077 && printf 'demo-password\n' >"$password_file")
    add_user() { admin users add "$@" --office 330102001 --password-file "$password_file"; }
    add_user clerk01 --display-name "张三" --role clerk
    add_user reviewer01 --display-name "李四" --role reviewer --department MZ --department SCJG
    add_user agent01 --display-name "王五" --role agent
    add_user supervisor01 --display-name "赵六" --role supervisor
    add_user admin01 --display-name "陈静" --role admin
    rm -f "$password_file"
fi
"$BIN/onewindow-admin" import-catalog resources/catalog/demo-catalog.json --central-data-dir "$CENTRAL" >/dev/null
# The demo issuing authority's signing key, made once; only the server reads it.
AUTHORITY_KEY="$CENTRAL/certificate-authority.pem"
if [ ! -f "$AUTHORITY_KEY" ]; then
    "$BIN/onewindow-admin" generate-certificate-key --private "$AUTHORITY_KEY" \
        --public "$CENTRAL/certificate-authority.pub.pem" >/dev/null
fi
chmod 600 "$AUTHORITY_KEY"
# Pre-printed certificate paper for each office; exit 1 means the range was issued on an earlier run.
issue_stock() {
    status=0
    "$BIN/onewindow-admin" stock-issue --central-data-dir "$CENTRAL" --prefix SC "$@" >/dev/null 2>&1 || status=$?
    if [ $status -gt 1 ]; then
        echo "run-demo.sh: cannot issue demo certificate stock ($*)" >&2
        exit 1
    fi
}
issue_stock --office 330102001 --first 1 --last 500
issue_stock --office 330102000 --first 501 --last 1000

"$BIN/onewindow-central" --listen 127.0.0.1 --port "$PORT" --data-dir "$CENTRAL" \
    --certificate-key "$AUTHORITY_KEY" --certificate-authority demo-centre-2026 $lang_args &
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
    # Not exec: the trap stops the central server when the screenshots are taken.
    ./scripts/take-screenshots.sh "$BIN" "$URL" "$DEMO" "$screenshot_dir" --recovery-public-key "$RECOVERY.pub" $lang_args
    exit $?
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run-demo.sh: no display; run it in a desktop session, or with --screenshot DIR to run headless" >&2
    exit 1
fi
"$BIN/onewindow" --server "$URL" --data-dir "$DEMO/workstation" --recovery-public-key "$RECOVERY.pub" $lang_args
