#!/bin/bash
# The interface follows the locale: with LANGUAGE=vi the command line speaks
# Vietnamese, dates included, from the translations built in the build
# folder (DAUMOC_LOCALEDIR); with LANGUAGE=en it speaks English. TAP.
#
#   test-language.sh DAUMOC SOURCE_ROOT
set -u
daumoc=$1
srcdir=$2
n=0
status=0

expect () {
  local description=$1 language=$2 needle=$3
  shift 3
  local output

  n=$((n + 1))
  output=$(LANGUAGE=$language LC_ALL=C.UTF-8 "$daumoc" "$@" 2>&1)
  if [[ $output == *"$needle"* ]]; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description: “$needle” is not in the output of daumoc $*:"
    sed 's/^/# /' <<<"$output"
    status=1
  fi
}

echo "1..5"
expect "--help in Vietnamese" vi "Khám phá và trình chiếu dòng thời gian các sự kiện." --help
expect "--help in English" en "Explore and present timelines of events." --help
expect "a problem in Vietnamese, with a Vietnamese date" vi \
  "không phải là ngày hợp lệ: tháng 2 năm 2021 có 28 ngày, không phải 30" \
  --check "$srcdir/tests/fixtures/invalid/feb-30.json"
expect "a summary in Vietnamese" vi "hợp lệ, 4 sự kiện, 2 loại, 15/3/44 TCN – năm 2021" \
  --check "$srcdir/data/examples/example.json"
expect "a usage error in Vietnamese" vi "để xem các tùy chọn" --bogus
exit $status
