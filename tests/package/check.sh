#!/usr/bin/env bash
# The Debian package checked without installing it (`make test-package`): lintian (no
# errors), desktop-file-validate on the menu entry, the MIME type (a plan is
# application/x-bridger by its name or, without one, by its header; another SQLite file is
# not), and
# the package unpacked into a scratch root runs `bridger --version`, `bridger new --demo`
# and `bridger check`.
#   tests/package/check.sh PACKAGE.deb [debug]
# With `debug` (a package of the debug build, as `make test-package` makes it) lintian's
# unstripped-binary-or-object is not an error: the release package (`make package`) is
# stripped (Cargo profile `deb`).
set -euo pipefail
deb=$(realpath "$1")
kind=${2:-release}
root=$(cd "$(dirname "$0")/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }

step "lintian ($kind build)"
suppress=()
[ "$kind" = debug ] && suppress=(--suppress-tags unstripped-binary-or-object)
# lintian refuses to run as root without this note; its exit code is 1 on any error tag.
lintian --tag-display-limit 0 "${suppress[@]}" "$deb" 2>&1 | grep -v 'running with root privileges' | tee "$scratch/lintian.txt" || true
if grep -q '^E:' "$scratch/lintian.txt"; then fail "lintian reports errors"; fi

step "unpack into $scratch/root"
dpkg-deb -x "$deb" "$scratch/root"
dpkg-deb -f "$deb" Package Version Depends
version=$(sed -n 's/^version = "\(.*\)"/\1/p' "$root/Cargo.toml" | head -1)
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail "the package's version is not Cargo.toml's $version"

step "the menu entry"
desktop=$(ls "$scratch"/root/usr/share/applications/*.desktop)
desktop-file-validate "$desktop"
grep -qx 'MimeType=application/x-bridger;' "$desktop" || fail "the menu entry does not open plans"
grep -q '^Exec=bridger-app %f$' "$desktop" || fail "the menu entry does not pass the plan: $(grep ^Exec "$desktop")"
for size in 32 64 128 256; do
  icon="$scratch/root/usr/share/icons/hicolor/${size}x${size}/apps/bridger-app.png"
  [ -f "$icon" ] || fail "no ${size} px icon"
done
[ -f "$scratch/root/usr/share/icons/hicolor/scalable/apps/bridger-app.svg" ] || fail "no scalable icon"
for f in usr/share/man/man1/bridger.1.gz usr/share/bash-completion/completions/bridger \
  usr/share/zsh/vendor-completions/_bridger usr/share/fish/vendor_completions.d/bridger.fish; do
  [ -s "$scratch/root/$f" ] || fail "missing $f"
done
zcat "$scratch/root/usr/share/man/man1/bridger.1.gz" | grep -q 'schedule' || fail "the man page lists no commands"

step "the bridger command from the unpacked package"
cd "$scratch"
"$scratch/root/usr/bin/bridger" --version | tee version.txt
grep -qx "bridger $version" version.txt || fail "bridger --version is not $version"
"$scratch/root/usr/bin/bridger" new x.bridger --demo
"$scratch/root/usr/bin/bridger" check x.bridger > check.txt || fail "bridger check x.bridger failed"
head -3 check.txt

step "the MIME type, by shared-mime-info's own database"
mkdir -p mime/packages
cp "$scratch/root/usr/share/mime/packages/bridger.xml" mime/packages/
cp /usr/share/mime/packages/freedesktop.org.xml mime/packages/
update-mime-database "$scratch/mime" 2>/dev/null
python3 -c "import sqlite3; c = sqlite3.connect('other.bridger'); c.execute('create table t(a)'); c.commit()"
cp other.bridger other-database
cp x.bridger plan-without-extension
type_of() { XDG_DATA_HOME="$scratch" XDG_DATA_DIRS="$scratch" gio info -a standard::content-type "$1" | sed -n 's/.*standard::content-type: //p'; }
for f in x.bridger plan-without-extension other-database other.bridger; do echo "$f: $(type_of "$f")"; done | tee types.txt
grep -qx 'x.bridger: application/x-bridger' types.txt || fail "a plan is not application/x-bridger"
grep -qx 'plan-without-extension: application/x-bridger' types.txt || fail "a plan is not recognised by its header"
grep -qx 'other-database: application/vnd.sqlite3' types.txt || fail "another SQLite file is taken for a plan"
echo "package check passed: $(basename "$deb")"
