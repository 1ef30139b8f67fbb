#!/usr/bin/env bash
# Installs the Debian package on this machine and checks it as a desktop sees it, under Xvfb
# with a D-Bus session: `xdg-mime query default application/x-bridger` names Bridger's menu
# entry; `xdg-open demo.bridger` opens the app on that plan (screenshot:
# docs/package-xdg-open.png); a second open while it runs goes to the same window
# (docs/package-second-open.png); `apt-get remove` leaves nothing behind but user data.
# The package is removed at the end whatever happens. Needs root (or sudo).
#   tests/package/install-check.sh PACKAGE.deb
set -euo pipefail
deb=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
scratch=$(mktemp -d)
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config XDG_DATA_HOME=$scratch/home/.local/share
mkdir -p "$HOME"
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
pkg=$(dpkg-deb -f "$deb" Package)
if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
  fail "$pkg is installed already: this check installs and removes it"
fi
cleanup() {
  [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ -n "${bus_pid:-}" ] && kill "$bus_pid" 2>/dev/null || true
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y "$pkg" >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

step "install $(basename "$deb")"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb" | tail -3
# The package's files (not its folders), as absolute paths.
dpkg-deb -c "$deb" | awk '$1 ~ /^[-l]/ {print $NF}' | sed 's|^\.\{0,1\}/\{0,1\}|/|' > "$scratch/files.txt"
echo "$(wc -l < "$scratch/files.txt") files installed; bridger on the PATH: $(command -v bridger)"
bridger --version
man -w bridger

step "the desktop's view"
default=$(xdg-mime query default application/x-bridger)
echo "xdg-mime query default application/x-bridger: $default"
[ "$default" = "$(basename "$(grep '/usr/share/applications/' "$scratch/files.txt")")" ] || fail "the default is not Bridger's menu entry"
cd "$scratch"
bridger new demo.bridger --demo
bridger new other.bridger --name "Second plan"
echo "gio: demo.bridger is $(gio info -a standard::content-type demo.bridger | sed -n 's/.*content-type: //p')"

step "xdg-open demo.bridger under Xvfb"
display=:$((90 + RANDOM % 9))
Xvfb "$display" -screen 0 1366x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
sleep 2
export DISPLAY=$display WEBKIT_DISABLE_DMABUF_RENDERER=1
# A desktop session's bus (the single-instance hand-over is a D-Bus call), and GNOME's
# xdg-open (gio open: shared-mime-info by content, then the default application).
bus=$(dbus-daemon --session --fork --print-address=1 --print-pid=1)
export DBUS_SESSION_BUS_ADDRESS=${bus%%$'\n'*}
bus_pid=${bus##*$'\n'}
XDG_CURRENT_DESKTOP=GNOME xdg-open demo.bridger
title() { xwininfo -root -tree | grep -o '"[^"]*— Bridger"\|"[^"]* - Bridger"\|"Bridger[^"]*"' | head -1; }
for _ in $(seq 60); do pgrep -x bridger-app >/dev/null && [ -n "$(title)" ] && break; sleep 1; done
app_pid=$(pgrep -x bridger-app | head -1) || fail "xdg-open started no bridger-app"
echo "running: $(tr '\0' ' ' < /proc/$app_pid/cmdline)"
sleep 8 # the map drawn
echo "window: $(title)"
title | grep -q 'POS rollout' || fail "the window is not on demo.bridger"
import -window root "$root/docs/package-xdg-open.png"

step "a second open while it runs: the same window"
XDG_CURRENT_DESKTOP=GNOME xdg-open other.bridger
for _ in $(seq 30); do title | grep -q 'Second plan' && break; sleep 1; done
sleep 3
echo "window: $(title); bridger-app processes: $(pgrep -xc bridger-app)"
title | grep -q 'Second plan' || fail "the second plan did not open in the running window"
[ "$(pgrep -xc bridger-app)" = 1 ] || fail "a second process runs"
import -window root "$root/docs/package-second-open.png"
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=
kill "$bus_pid" 2>/dev/null || true; bus_pid=

step "apt-get remove"
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get remove -y "$pkg" | tail -2
left=$(while read -r f; do if [ -e "$f" ]; then echo "$f"; fi; done < "$scratch/files.txt")
[ -z "$left" ] || fail "left behind: $left"
[ ! -e /usr/share/mime/application/x-bridger.xml ] || fail "the MIME type is still known"
if grep -q 'x-bridger' /usr/share/applications/mimeinfo.cache 2>/dev/null; then fail "the menu entry is still associated"; fi
echo "nothing left of the package; user data stays: $(cd "$HOME" && find . -path ./.cache -prune -o -type f -print | sort | tr '\n' ' ')"
echo "install check passed"
