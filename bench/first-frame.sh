#!/bin/bash
# First frame of the real app, as people see it: starts `daumoc FILE` under
# Xvfb with DAUMOC_DEBUG=timing at 1920×1080 and reads the times the app
# prints (process start to loading shown, to the first frame of the
# timeline, and the longest the main loop went without a turn from the start
# of the load to that frame), and the process's peak and resident memory
# (VmHWM, VmRSS) when it drew that frame (or, from a build that does not
# say, read by this script just after). Runs each file RUNS times and prints
# the median and the worst.
#
# With REPLACE=OLD, the app starts on OLD and, 6 s after OLD is drawn (time
# to make its search index), is asked to open FILE (`daumoc FILE` to the
# running app), which replaces OLD in its window: the longest stall is then
# that of FILE's load, which includes letting OLD go, and the resident
# memory is read 8 s after it (what OLD left). The other columns stay OLD's.
#
#   bench/first-frame.sh BUILD_DIR [FILE…]     (default: the bundled dataset)
set -euo pipefail

build=${1:?usage: first-frame.sh BUILD_DIR [FILE…]}
shift
runs=${RUNS:-5}
files=("$@")
(( ${#files[@]} )) || files=("")

measure () {
  local file=$1 log
  log=$(mktemp)
  # The app quits by itself once it has drawn: the script kills it after the
  # figure appears, or after a minute.
  DAUMOC_DEBUG=timing GSK_RENDERER=cairo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 \
    GSETTINGS_SCHEMA_DIR="$build/data" \
    xvfb-run -a -s '-screen 0 1920x1080x24' dbus-run-session -- \
    bash -c 'if [[ -n $3 ]]; then
               "$0" "$3" 2>"$2" & pid=$!
               for _ in $(seq 600); do grep -q "main-loop stall" "$2" && break; sleep 0.1; done
               sleep 6
               "$0" "$1" 2>/dev/null
               for _ in $(seq 600); do (( $(grep -c "^daumoc: longest main-loop stall" "$2") > 1 )) && break; sleep 0.1; done
               sed -i "0,/^daumoc: longest main-loop stall/{/^daumoc: longest main-loop stall/d}" "$2"
               sleep 8
               awk "/^VmRSS:/ {printf \"daumoc: memory after replacing %s\n\", \$2}" /proc/$pid/status >>"$2" 2>/dev/null || true
             else
               "$0" ${1:+"$1"} 2>"$2" & pid=$!
               for _ in $(seq 600); do grep -q "main-loop stall" "$2" && break; sleep 0.1; done
             fi
             awk "/^Vm(HWM|RSS):/ {printf \"daumoc: memory %s %s\\n\", \$1, \$2}" /proc/$pid/status >>"$2" 2>/dev/null || true
             kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' \
    "$build/src/daumoc" "$file" "$log" "${REPLACE:-}" >/dev/null 2>&1 || true
  cat "$log"
  rm -f "$log"
}

printf '%-30s %14s %14s %14s %14s %12s %12s\n' "file" "loading shown" "first frame" "worst frame" "longest stall" "peak" "resident"
for file in "${files[@]}"; do
  shown=()
  frames=()
  stalls=()
  peaks=()
  residents=()
  for _ in $(seq "$runs"); do
    out=$(measure "$file")
    s=$(sed -n 's/^daumoc: loading shown after \([0-9.]*\) ms.*/\1/p' <<<"$out")
    f=$(sed -n 's/^daumoc: first frame after \([0-9.]*\) ms.*/\1/p' <<<"$out")
    l=$(sed -n 's/^daumoc: longest main-loop stall while loading after [0-9.]* ms, \([0-9.]*\) ms.*/\1/p' <<<"$out")
    [[ -n $s ]] && shown+=("$s")
    [[ -n $l ]] && stalls+=("$l")
    [[ -n $f ]] && frames+=("$f")
    p=$(sed -n 's/^daumoc: memory at first frame: peak \([0-9]*\) KiB.*/\1/p' <<<"$out")
    r=$(sed -n 's/^daumoc: memory at first frame: .*resident \([0-9]*\) KiB.*/\1/p' <<<"$out")
    [[ -z $p ]] && p=$(sed -n 's/^daumoc: memory VmHWM: \([0-9]*\).*/\1/p' <<<"$out")
    [[ -z $r ]] && r=$(sed -n 's/^daumoc: memory VmRSS: \([0-9]*\).*/\1/p' <<<"$out")
    [[ -n ${REPLACE:-} ]] && r=$(sed -n 's/^daumoc: memory after replacing \([0-9]*\).*/\1/p' <<<"$out")
    [[ -n $p ]] && peaks+=("$((p / 1024))")
    [[ -n $r ]] && residents+=("$((r / 1024))")
  done
  median () { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }
  worst () { printf '%s\n' "$@" | sort -g | tail -1; }
  printf '%-30s %11s ms %11s ms %11s ms %11s ms %8s MiB %8s MiB\n' "$(basename "${file:-bundled}")" \
    "$(median "${shown[@]:-}")" "$(median "${frames[@]:-}")" "$(worst "${frames[@]:-}")" "$(worst "${stalls[@]:-}")" \
    "$(worst "${peaks[@]:-}")" "$(worst "${residents[@]:-}")"
done
