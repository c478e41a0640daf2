#!/bin/bash
# Fails when a file with translatable strings is not in POTFILES.in, or when
# POTFILES.in names a file that does not exist. TAP on standard output.
#
#   check-potfiles.sh SOURCE_ROOT
set -u
cd "$1" || exit 1

listed=$(grep -v -e '^#' -e '^[[:space:]]*$' po/POTFILES.in | sort -u)

# What has translatable strings: gettext calls in C, translatable="yes" in
# GtkBuilder files, and the data files that meson translates.
found=$(
  {
    grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dcgettext|g_dpgettext2?|dgettext|gettext)[[:space:]]*\(' \
      $(find src -name '*.[ch]' | sort) 2>/dev/null
    grep -l 'translatable="yes"' $(find resources src -name '*.ui' | sort) 2>/dev/null
    find data -maxdepth 1 \( -name '*.desktop.in*' -o -name '*.metainfo.xml.in*' \)
    grep -lE '<(summary|description)>' $(find data -maxdepth 1 -name '*.gschema.xml') 2>/dev/null
  } | sort -u
)

n=0
status=0
echo "1..2"

missing=$(comm -23 <(printf '%s\n' "$found") <(printf '%s\n' "$listed"))
if [[ -z $missing ]]; then
  echo "ok 1 - every file with translatable strings is in po/POTFILES.in"
else
  echo "not ok 1 - these files have translatable strings but are not in po/POTFILES.in:"
  printf '#   %s\n' $missing
  status=1
fi

gone=()
for file in $listed; do
  [[ -f $file ]] || gone+=("$file")
done
if (( ${#gone[@]} == 0 )); then
  echo "ok 2 - every file in po/POTFILES.in exists"
else
  echo "not ok 2 - po/POTFILES.in names files that do not exist:"
  printf '#   %s\n' "${gone[@]}"
  status=1
fi

exit $status
