#!/usr/bin/env bash
# Hot reload under load: a worker (`gatehouse-proxy run URL`) pulls from a Gatehouse repo while
# wrk drives one of its ports and the config is republished PUBLISHES times. Every publish
# changes the served content and alternately adds and removes a second port. Reports wrk's
# totals (requests, non-2xx, socket errors) on the unchanged port and, for each publish, how
# long until the new content was served (the admin link pushes `reload`; the HEAD poll every
# POLL seconds is the fallback).
#
# Usage: tests/bench/hotreload.sh [path/to/gatehouse-proxy]
# Env: PUBLISHES (20), POLL (5), INTERVAL (1, seconds between publishes), THREADS (1)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
proxy="${1:-$root/build/ci/app/gatehouse-proxy}"
publishes="${PUBLISHES:-20}"
poll="${POLL:-5}"
interval="${INTERVAL:-1}"
threads="${THREADS:-1}"
[ -x "$proxy" ] || { echo "no gatehouse-proxy at $proxy (build it first)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }

work="$(mktemp -d /tmp/gatehouse-hotreload.XXXXXX)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
repo_port="$(free_port)"; port="$(free_port)"; extra="$(free_port)"
export GATEHOUSE_PUBLISH_LOG_DIR="$work/log"

write_site() { # $1 = tag, $2 = with extra port (0/1)
    local listeners="{\"Protocol\": \"HTTP\", \"Port\": $port}" rules="\"$port\": {\"*\": {\"RouteType\": \"HTTP\", \"Matches\": [{\"Path\": {\"Type\": \"Prefix\", \"Path\": \"/\"}, \"ServerRoot\": \"www\", \"Index\": [\"index.html\"]}]}}"
    if [ "$2" = 1 ]; then
        listeners="$listeners, {\"Protocol\": \"HTTP\", \"Port\": $extra}"
        rules="$rules, \"$extra\": {\"*\": {\"RouteType\": \"HTTP\", \"Matches\": [{\"Path\": {\"Type\": \"Prefix\", \"Path\": \"/\"}, \"ServerRoot\": \"www\", \"Index\": [\"index.html\"]}]}}"
    fi
    mkdir -p "$work/site/static/www"
    printf '%s' "$1" > "$work/site/static/www/index.html"
    cat > "$work/site/config.json" <<JSON
{"Listeners": [$listeners], "RouteRules": {$rules}, "Services": {},
 "Chains": {"HTTPRoute": ["common/consumer.js", "http/codec.js", "http/route.js", "http/service.js", "http/error-page.js", "http/forward.js", "http/default.js"]}}
JSON
}

"$proxy" repo --listen "127.0.0.1:$repo_port" --data "$work/data" > "$work/repo.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do curl -s "http://127.0.0.1:$repo_port/api/v1/repo" > /dev/null && break; sleep 0.1; done
url="http://127.0.0.1:$repo_port/repo/local/fgw/"
write_site v0 0
"$proxy" publish "$work/site/config.json" --to "$url" > /dev/null
"$proxy" run "$url" --poll-interval "$poll" --threads "$threads" > "$work/run.log" 2>&1 & pids+=($!)
for _ in $(seq 100); do [ "$(curl -s "http://127.0.0.1:$port/")" = v0 ] && break; sleep 0.1; done

duration=$(python3 -c "import math; print(math.ceil($publishes * ($interval + 0.3)) + 3)")
wrk -t2 -c50 -d"${duration}s" "http://127.0.0.1:$port/" > "$work/wrk.txt" 2>&1 & wrk_pid=$!
sleep 1
worst=0
for i in $(seq 1 "$publishes"); do
    write_site "v$i" $(( i % 2 ))
    start=$(date +%s%N)
    "$proxy" publish "$work/site/config.json" --to "$url" > /dev/null
    while [ "$(curl -s "http://127.0.0.1:$port/")" != "v$i" ]; do sleep 0.01; done
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    [ "$ms" -gt "$worst" ] && worst=$ms
    extra_state=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$extra/" || true)
    echo "publish $i: new content served after ${ms} ms; extra port answers $extra_state"
    sleep "$interval"
done
wait "$wrk_pid" || true
echo "--- wrk on the unchanged port during $publishes publishes ---"
cat "$work/wrk.txt"
echo "worst publish-to-served latency: ${worst} ms (poll interval ${poll} s)"
grep -c 'not applied' "$work/run.log" | sed 's/^/versions not applied: /' || true
