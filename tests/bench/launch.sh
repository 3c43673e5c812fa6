#!/usr/bin/env bash
# Launch to interactive: from process start to the main window painted with the demo running
# and a first request served through the embedded engine (issue 4: under 1.5 s).
#
# Runs `gatehouse --startup-report FILE` RUNS times under one xvfb-run (real X11), each with a
# fresh private home (a first start, as a new user sees it). The app times its own phases from
# the kernel's process start time and quits once interactive. Prints each run, the median of
# interactive_at_ms and the median of every phase.
#
# Usage: tests/bench/launch.sh [path/to/gatehouse]
# Env: RUNS (5)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app_bin="${1:-$root/build/ci/app/gatehouse}"
runs="${RUNS:-5}"

[ -x "$app_bin" ] || { echo "no gatehouse at $app_bin (build it first)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "xvfb-run is missing (apt-get install xvfb xauth)" >&2; exit 2; }

work="$(mktemp -d /tmp/gatehouse-launch.XXXXXX)"
trap 'rm -rf "$work"' EXIT
unset QT_QPA_PLATFORM

cat > "$work/runs.sh" <<RUNS
set -e
for i in \$(seq 1 $runs); do
    h="$work/home\$i"
    mkdir -p "\$h/run" && chmod 700 "\$h/run"
    HOME="\$h" XDG_CONFIG_HOME="\$h/config" XDG_DATA_HOME="\$h/data" XDG_RUNTIME_DIR="\$h/run" \
        timeout 60 "$app_bin" --startup-report "$work/run\$i.txt" > "$work/app\$i.out" 2>&1
    sleep 0.5
done
RUNS
xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/runs.sh"

median() { sort -n | awk '{a[NR]=$1} END{if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
echo "launch: $runs runs of gatehouse --startup-report (first start, demo), under xvfb-run"
for i in $(seq 1 "$runs"); do
    [ -s "$work/run$i.txt" ] || { echo "run $i wrote no report:" >&2; cat "$work/app$i.out" >&2; exit 1; }
    echo "  run $i: $(tr '\n' ' ' < "$work/run$i.txt")"
done
echo "  median of each phase (ms):"
for key in before_main qapplication translations_theme window_construction open_demo \
           engine_start demo_backends first_paint_at first_request_served_at interactive_at; do
    value=$(cat "$work"/run*.txt | awk -v k="${key}_ms" '$1 == k {print $2}' | median)
    printf '    %-26s %s\n' "$key" "$value"
done
interactive=$(cat "$work"/run*.txt | awk '$1 == "interactive_at_ms" {print $2}' | median)
echo "  launch to interactive, median: $interactive ms (target < 1500)"
awk -v v="$interactive" 'BEGIN{exit !(v < 1500)}'
