#!/bin/bash
# `meson install` into a temporary DESTDIR puts every file where a desktop
# expects it, and nothing else. TAP on standard output.
#
#   test-install.sh BUILD_ROOT SOURCE_ROOT PREFIX BINDIR DATADIR LOCALEDIR APP_ID
set -u
build=$1 srcdir=$2 prefix=$3 bindir=$4 datadir=$5 localedir=$6 app_id=$7
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
n=0
status=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  echo "not ok $n - $1"
  status=1
}

check () {
  local description=$1
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}

# What a desktop looks for, file by file.
expected=(
  "$bindir/daumoc"
  "$datadir/applications/$app_id.desktop"
  "$datadir/metainfo/$app_id.metainfo.xml"
  "$datadir/icons/hicolor/scalable/apps/$app_id.svg"
  "$datadir/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  "$datadir/glib-2.0/schemas/$app_id.gschema.xml"
  "$datadir/daumoc/datasets/vietnam-industry-4.0.json"
  "$datadir/daumoc/examples/example.json"
  "$datadir/daumoc/examples/daumoc-timeline.schema.json"
)
for source in "$srcdir"/data/sources/*; do
  expected+=("$datadir/daumoc/sources/${source##*/}")
done
for lang in $(grep -v -e '^#' -e '^[[:space:]]*$' "$srcdir/po/LINGUAS"); do
  expected+=("$localedir/$lang/LC_MESSAGES/daumoc.mo")
done

echo "1..$(( ${#expected[@]} + 8 ))"

if ! DESTDIR= meson install -C "$build" --no-rebuild --destdir "$dest" >"$dest.log" 2>&1; then
  not_ok "meson install --destdir"
  sed 's/^/# /' "$dest.log"
  rm -f "$dest.log"
  exit 1
fi
rm -f "$dest.log"
ok "meson install --destdir"

for file in "${expected[@]}"; do
  check "installed: $file" test -f "$dest$file" -a -s "$dest$file"
done

check "the binary is executable" test -x "$dest$bindir/daumoc"

# Nothing but what is listed above (a new installed file belongs in the list).
unexpected=$(comm -13 <(printf '%s\n' "${expected[@]}" | sort) \
                      <(cd "$dest" && find . \( -type f -o -type l \) | sed 's,^\.,,' | sort))
if [[ -z $unexpected ]]; then
  ok "nothing else is installed"
else
  not_ok "files installed that this test does not know (add them to its list):"
  printf '#   %s\n' $unexpected
fi

desktop=$dest$datadir/applications/$app_id.desktop
metainfo=$dest$datadir/metainfo/$app_id.metainfo.xml
check "the desktop entry names the installed icon" grep -qx "Icon=$app_id" "$desktop"
check "the desktop entry runs the installed binary" grep -qx "Exec=daumoc %F" "$desktop"
check "the desktop entry is translated" grep -q '^Comment\[vi\]=' "$desktop"
check "the metainfo launches the desktop entry" grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"
check "the metainfo is translated" grep -q 'xml:lang="vi"' "$metainfo"

exit $status
