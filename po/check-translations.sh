#!/bin/bash
# For each language in LINGUAS: the .po file passes `msgfmt --check`, and,
# merged with a template made now from the sources, has no untranslated or
# fuzzy message (so a string added or changed in the code without its
# translation fails). TAP on standard output.
#
#   check-translations.sh SOURCE_ROOT GETTEXT_PACKAGE
set -u
srcdir=$1
package=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same options as i18n.gettext(preset: 'glib') in po/meson.build.
xgettext --package-name="$package" --directory="$srcdir" --files-from="$srcdir/po/POTFILES.in" \
  --output="$work/$package.pot" --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_printerr:1:c-format \
  --flag=g_print:1:c-format 2>"$work/xgettext.log"
if [[ ! -s $work/$package.pot ]]; then
  echo "1..1"
  echo "not ok 1 - xgettext could not make the template"
  sed 's/^/# /' "$work/xgettext.log"
  exit 1
fi

languages=$(grep -v -e '^#' -e '^[[:space:]]*$' "$srcdir/po/LINGUAS")
echo "1..$(( 2 * $(wc -w <<<"$languages") ))"
n=0
status=0
for lang in $languages; do
  po=$srcdir/po/$lang.po

  n=$((n + 1))
  if msgfmt --check --output-file=/dev/null "$po" 2>"$work/msgfmt.log"; then
    echo "ok $n - $lang.po passes msgfmt --check"
  else
    echo "not ok $n - $lang.po fails msgfmt --check"
    sed 's/^/# /' "$work/msgfmt.log"
    status=1
  fi

  n=$((n + 1))
  msgmerge --quiet --output-file="$work/$lang.po" "$po" "$work/$package.pot"
  untranslated=$(msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry (msgid "") with anything it prints.
  untranslated=$(( untranslated > 0 ? untranslated - 1 : 0 ))
  fuzzy=$(( fuzzy > 0 ? fuzzy - 1 : 0 ))
  if (( untranslated == 0 && fuzzy == 0 )); then
    echo "ok $n - $lang.po translates every message in the sources"
  else
    echo "not ok $n - $lang.po has $untranslated untranslated and $fuzzy fuzzy messages; update it with msgmerge and translate these:"
    msgattrib --untranslated --no-obsolete --no-wrap "$work/$lang.po" | grep -E '^(msgctxt|msgid) ' | grep -v '^msgid ""$' | sed 's/^/#   /'
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/$lang.po" | grep -E '^(msgctxt|msgid) ' | grep -v '^msgid ""$' | sed 's/^/#   fuzzy: /'
    status=1
  fi
done

exit $status
