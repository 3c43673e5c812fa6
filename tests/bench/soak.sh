#!/usr/bin/env bash
# Soak: wrk drives `gatehouse-proxy run REPO` for DURATION seconds with keep-alive and a mix of
# requests (GET small and 4 KiB from three nginx backends, POST with a body, a static file
# served by the engine; no HEAD: wrk waits for a HEAD response's body) while
#   - every KILL_MIN..KILL_MAX seconds one backend is killed (SIGKILL) and restarted DOWN
#     seconds later (never two down at once, so two healthy endpoints always exist);
#   - every RELOAD seconds the config is rewritten with a trivial change (an endpoint weight
#     flips between 100 and 101, the static file's text changes) and published to the local
#     repo the engine runs from (the hot reload path of `run DIR`);
#   - the engine's RSS is sampled every 5 s.
# Builds nothing. At the end it prints: requests, non-2xx by status, socket errors (wrk), the
# engine's fault log by reason, failed requests a healthy endpoint could have served, crashes
# (alive at the end, exit status on SIGTERM), hung connections (wrk timeouts; client sockets
# still open on the listener and engine descriptors after the clients stopped, against the
# start), and RSS after warm-up against the end.
#
# Usage: tests/bench/soak.sh [BUILD_DIR]     (default build/ci)
# Env: DURATION (600), WARMUP (60), CONNECTIONS (50), THREADS (2), KILL_MIN (20), KILL_MAX (40),
#      DOWN (10), RELOAD (30), SOCKET_TIMEOUT (10, the config's SocketTimeout)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:-$root/build/ci}"
proxy="$build/app/gatehouse-proxy"
duration="${DURATION:-600}"
warmup="${WARMUP:-60}"
connections="${CONNECTIONS:-50}"
threads="${THREADS:-2}"
kill_min="${KILL_MIN:-20}"
kill_max="${KILL_MAX:-40}"
down="${DOWN:-10}"
reload="${RELOAD:-30}"
socket_timeout="${SOCKET_TIMEOUT:-10}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$proxy" ] || { echo "no gatehouse-proxy at $proxy (build it first)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
[ -x "$nginx_bin" ] || { echo "nginx is missing (apt-get install nginx-light)" >&2; exit 2; }

work="$(mktemp -d /tmp/gatehouse-soak.XXXXXX)"
chmod 755 "$work"
pids=()
backend_pid=(0 0 0)
cleanup() {
    for p in "${pids[@]}" "${backend_pid[@]}"; do
        [ "$p" != 0 ] && kill "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    [ -n "${KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}
port="$(free_port)"; admin="$(free_port)"
bport=("$(free_port)" "$(free_port)" "$(free_port)")

# --- backends: one single-process nginx each, so a kill takes the whole backend down ---
mkdir -p "$work/www"
head -c 4096 /dev/urandom > "$work/www/4k.bin"
chmod 755 "$work/www"; chmod 644 "$work/www/4k.bin"
for i in 0 1 2; do
    mkdir -p "$work/b$i"
    cat > "$work/b$i/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $work/b$i/nginx.pid;
error_log $work/b$i/error.log error;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $work/b$i/body;
    proxy_temp_path $work/b$i/proxy;
    fastcgi_temp_path $work/b$i/fastcgi;
    uwsgi_temp_path $work/b$i/uwsgi;
    scgi_temp_path $work/b$i/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 75s;
    server {
        listen 127.0.0.1:${bport[$i]} reuseport;
        default_type text/plain;
        location = /api/small { return 200 'backend $i\n'; }
        location = /api/post { return 200 'posted to $i\n'; }
        location /api/files/ { alias $work/www/; }
    }
}
CONF
done
start_backend() { # index
    "$nginx_bin" -c "$work/b$1/nginx.conf" -e "$work/b$1/error.log" > /dev/null 2>&1 &
    backend_pid[$1]=$!
    for _ in $(seq 100); do
        curl -s -o /dev/null "http://127.0.0.1:${bport[$1]}/api/small" && return 0
        sleep 0.05
    done
    echo "backend $1 did not start" >&2
    return 1
}
for i in 0 1 2; do start_backend "$i"; done

# --- the config, published to a local repo the engine runs from ---
generation=0
write_site() {
    generation=$((generation + 1))
    local w2=$((100 + generation % 2))
    mkdir -p "$work/site/static/www"
    printf 'static generation %s\n' "$generation" > "$work/site/static/www/index.html"
    cat > "$work/site/config.json" <<JSON
{"Configs": {"SocketTimeout": $socket_timeout},
 "Listeners": [{"Protocol": "HTTP", "Port": $port}],
 "RouteRules": {"$port": {"*": {"RouteType": "HTTP", "Matches": [
   {"Path": {"Type": "Prefix", "Path": "/static"}, "ServerRoot": "www", "Index": ["index.html"]},
   {"Path": {"Type": "Prefix", "Path": "/api"}, "BackendService": {"svc": {"Weight": 100}}}]}}},
 "Services": {"svc": {
   "Endpoints": {"127.0.0.1:${bport[0]}": {"Weight": 100}, "127.0.0.1:${bport[1]}": {"Weight": 100},
                 "127.0.0.1:${bport[2]}": {"Weight": $w2}},
   "HealthCheck": {"Interval": 2, "MaxFails": 2, "FailTimeout": 5, "Uri": "/api/small",
                   "Matches": [{"Type": "status", "Value": [200]}]}}},
 "Chains": {"HTTPRoute": ["common/consumer.js", "http/codec.js", "http/route.js", "http/service.js",
   "http/forward.js", "http/default.js"]}}
JSON
    mkdir -p "$work/site/static/www/static"
    cp "$work/site/static/www/index.html" "$work/site/static/www/static/index.html"
}
publish() {
    "$proxy" publish "$work/site/config.json" --to "$work/repo" --message "soak $generation" \
        >> "$work/publish.log" 2>&1 || echo "publish $generation failed" >> "$work/events.log"
}
write_site
mkdir -p "$work/repo"
publish
"$proxy" run "$work/repo" --poll-interval 1 --threads "$threads" --admin-port "$admin" \
    > "$work/run.log" 2> "$work/run.err" &
engine=$!
pids+=("$engine")
for _ in $(seq 200); do
    curl -s -o /dev/null "http://127.0.0.1:$port/api/small" && break
    sleep 0.05
done
curl -sf -o /dev/null "http://127.0.0.1:$port/api/small" || { echo "the engine did not start" >&2; cat "$work/run.err" >&2; exit 1; }

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$engine/status"; }
fd_count() { find "/proc/$engine/fd" -mindepth 1 -maxdepth 1 | wc -l; }
# What the descriptors are (sockets with their peers), to tell a leak from a pool or a probe.
fd_list() { ls -l "/proc/$engine/fd" 2>/dev/null | awk 'NR > 1 {print $NF}' | sed 's/:\[[0-9]*\]//' | sort | uniq -c; ss -Htnp 2>/dev/null | grep "pid=$engine," | awk '{print $1, $4, $5}'; }
# Client connections on the listener (engine side), i.e. sockets wrk or anyone still holds.
client_sockets() { ss -Htn state established "( sport = :$port )" | wc -l; }
fds_start=$(fd_count); fd_list > "$work/fds-start.txt"
clients_start=$(client_sockets)

# --- the request mix (wrk Lua): counts every status per thread ---
cat > "$work/mix.lua" <<'LUA'
local threads = {}
local requests = {}
local n = 0
function setup(thread) table.insert(threads, thread) end
function init(args)
  statuses = {}
  wrk.headers["Host"] = "soak.test"
  requests = {
    wrk.format("GET", "/api/small"),
    wrk.format("GET", "/api/files/4k.bin"),
    wrk.format("POST", "/api/post", {["Content-Type"] = "text/plain"}, string.rep("p", 700)),
    wrk.format("GET", "/static/"),
    wrk.format("GET", "/api/small"),
  }
end
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for s, c in pairs(t:get("statuses")) do total[s] = (total[s] or 0) + c end
  end
  for s, c in pairs(total) do io.write(string.format("status %d %d\n", s, c)) end
  io.write(string.format("errors connect %d read %d write %d status %d timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("requests %d\n", summary.requests))
end
LUA

echo "soak: ${duration}s, $connections connections, engine threads $threads, backends ${bport[*]}, engine pid $engine" | tee "$work/events.log"
t0=$(date +%s)
wrk -t2 -c"$connections" -d"${duration}s" --timeout 10s -s "$work/mix.lua" \
    "http://127.0.0.1:$port" > "$work/wrk.txt" 2>&1 &
wrk_pid=$!
pids+=("$wrk_pid")

# --- the schedule: RSS every 5 s, reload every RELOAD s, kill/restart every KILL_MIN..MAX s ---
next_reload=$((t0 + reload))
next_kill=$((t0 + kill_min + RANDOM % (kill_max - kill_min + 1)))
restart_at=0; down_index=-1; victim=0; kills=0; reloads=0
rss_warm=""
: > "$work/rss.txt"
while kill -0 "$wrk_pid" 2>/dev/null; do
    now=$(date +%s)
    el=$((now - t0))
    if kill -0 "$engine" 2>/dev/null; then
        rss=$(rss_kib)
        echo "$el $rss" >> "$work/rss.txt"
        if [ -z "$rss_warm" ] && [ "$el" -ge "$warmup" ]; then rss_warm=$rss; fi
    fi
    if [ "$now" -ge "$next_reload" ]; then
        write_site; publish; reloads=$((reloads + 1))
        echo "$el reload generation $generation" >> "$work/events.log"
        next_reload=$((now + reload))
    fi
    if [ "$down_index" -ge 0 ] && [ "$now" -ge "$restart_at" ]; then
        start_backend "$down_index"
        echo "$el restart backend $down_index" >> "$work/events.log"
        down_index=-1
    fi
    if [ "$down_index" -lt 0 ] && [ "$now" -ge "$next_kill" ] && [ $((duration - el)) -gt $((down + 5)) ]; then
        kill -9 "${backend_pid[$victim]}" 2>/dev/null || true
        wait "${backend_pid[$victim]}" 2>/dev/null || true
        backend_pid[$victim]=0
        echo "$el kill backend $victim" >> "$work/events.log"
        kills=$((kills + 1))
        down_index=$victim; restart_at=$((now + down))
        victim=$(((victim + 1) % 3))
        next_kill=$((now + kill_min + RANDOM % (kill_max - kill_min + 1)))
    fi
    sleep 5
done
wait "$wrk_pid" || true
[ "$down_index" -ge 0 ] && start_backend "$down_index"
rss_end=$(rss_kib 2>/dev/null || echo 0)

# Clients gone: the engine must hold no client socket; upstream pools drain after SocketTimeout.
sleep 2
clients_end=$(client_sockets)
sleep $((socket_timeout + 3))
fds_end=$(fd_count 2>/dev/null || echo -1); fd_list > "$work/fds-end.txt"
alive=no; kill -0 "$engine" 2>/dev/null && alive=yes
metrics="$(curl -s "http://127.0.0.1:$admin/metrics" || true)"
kill -TERM "$engine" 2>/dev/null || true
exit_code=0; wait "$engine" || exit_code=$?

status_line() { grep "^$1" "$work/wrk.txt" || true; }
requests=$(awk '/^requests / {print $2}' "$work/wrk.txt")
non2xx=$(awk '/^status / && ($2 < 200 || $2 > 299) {n += $3} END {print n + 0}' "$work/wrk.txt")
timeouts=$(awk '/^errors / {print $11}' "$work/wrk.txt")
# Fault lines: "gatehouse.engine.faults: METHOD TARGET (service endpoint): reason, N response
# bytes sent", grouped by method and reason.
faults="$(sed -n 's/^gatehouse.engine.faults: \([A-Z]*\) .*): \(.*\), [0-9]* response bytes sent$/\1 \2/p' "$work/run.err" | sort | uniq -c | sort -rn)"
fault_total=$(grep -c ' response bytes sent$' "$work/run.err" || true)
count_faults() { echo "$faults" | awk -v re="$1" '$0 ~ re {n += $1} END {print n + 0}'; }
# A request a healthy endpoint could have served: a GET that still failed before any response
# byte (the engine resends those elsewhere; two endpoints are always up here), or a 502/503
# without an engine fault line behind it. A POST whose body went to the backend that was
# killed under it cannot be resent (it may have been processed); it is counted apart, as is
# a response cut mid-way by the kill.
s502=$(awk '/^status 502 / {print $3}' "$work/wrk.txt"); s502=${s502:-0}
s503=$(awk '/^status 503 / {print $3}' "$work/wrk.txt"); s503=${s503:-0}
s504=$(awk '/^status 504 / {print $3}' "$work/wrk.txt"); s504=${s504:-0}
get_failed=$(count_faults '^ *[0-9]+ (GET|HEAD) upstream (refused|reset before|closed before)')
post_failed=$(count_faults '^ *[0-9]+ POST upstream (refused|reset before|closed before)')
cut=$(count_faults 'mid-response')
avoidable=$(( get_failed + (s502 + s503 > fault_total ? s502 + s503 - fault_total : 0) ))
growth=$(awk -v a="$rss_warm" -v b="$rss_end" 'BEGIN { if (a > 0) printf "%.2f", (b - a) * 100 / a; else print "n/a" }')

echo "=== soak $(date -u +%FT%TZ): ${duration}s, wrk -t2 -c$connections keep-alive, mix GET/POST/static, engine threads $threads ==="
echo "requests: $requests"
grep '^status ' "$work/wrk.txt" | sort -k2n | sed 's/^/  /'
echo "non-2xx: $non2xx (502: $s502, 503: $s503, 504: $s504)"
status_line errors
echo "backend kills: $kills (down ${down}s each), config reloads: $reloads (publish log: $(grep -c 'failed' "$work/events.log" || true) failed)"
echo "engine fault log ($fault_total lines) by reason:"
[ -n "$faults" ] && echo "$faults" | sed 's/^/  /'
echo "failed requests a healthy endpoint could have served: $avoidable"
echo "  (apart: POSTs in flight on a backend when it was killed, not resendable: $post_failed; responses cut mid-way by a kill: $cut)"
echo "crashes: engine alive at the end: $alive; exit status on SIGTERM: $exit_code"
echo "hung connections: wrk timeouts $timeouts; client sockets on the listener after clients stopped: $clients_end (start $clients_start); engine sockets after SocketTimeout: $(grep -E ' socket$' "$work/fds-end.txt" | awk '{print $1}') (start $(grep -E ' socket$' "$work/fds-start.txt" | awk '{print $1}')); all engine fds $fds_end (start $fds_start; static roots are cached per thread, at most 8 each)"
echo "RSS: after ${warmup}s warm-up ${rss_warm} KiB, at the end ${rss_end} KiB, growth ${growth}% (max $(sort -k2n "$work/rss.txt" | tail -1 | cut -d' ' -f2) KiB over $(wc -l < "$work/rss.txt") samples)"
echo "health transitions logged by run: $(grep -c -- '-> unhealthy' "$work/run.err" || true) to unhealthy, $(grep -c -- 'healthy -> healthy\|unhealthy -> healthy' "$work/run.err" || true) back to healthy"
echo "engine descriptors at the start / at the end:"
paste -d'|' "$work/fds-start.txt" "$work/fds-end.txt" | sed 's/^/  /'
echo "$metrics" | grep -E '^gatehouse_responses_total\{class="(2xx|5xx)"' | sed 's/^/  since the last reload: /' || true
