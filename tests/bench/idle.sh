#!/usr/bin/env bash
# 10,000 idle keep-alive clients: Gatehouse and nginx (Debian) side by side.
#
# Both proxies front the same two nginx backends with the same worker count. First, ROUNDS
# interleaved wrk runs of one connection against each proxy (no idle load): p50 and p99 of
# "another client". Then a separate process per proxy opens IDLE_CLIENTS keep-alive
# connections, sends one request on each, reads the answer and goes quiet; while they are held
# open the same interleaved wrk runs are repeated. Reports the medians, the ratio loaded /
# unloaded, RSS idle and with the idle clients, and bytes per idle connection. At the end each
# holder counts how many of its connections the proxy still keeps open (all of them must be:
# the runs fit inside the 60 s idle timeout both sides use).
#
# Gatehouse's RSS is its process' VmRSS; nginx's is the sum of its master's and workers' Pss
# (proportional set size, so pages shared between them count once).
#
# Usage: tests/bench/idle.sh [path/to/gatehouse-proxy]
# Env: THREADS (2), ROUNDS (3), DURATION (3s), IDLE_CLIENTS (10000)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
proxy_bin="${1:-$root/build/ci/app/gatehouse-proxy}"
threads="${THREADS:-2}"
rounds="${ROUNDS:-3}"
duration="${DURATION:-3s}"
idle_clients="${IDLE_CLIENTS:-10000}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

[ -x "$proxy_bin" ] || { echo "no gatehouse-proxy at $proxy_bin (build it first)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
[ -x "$nginx_bin" ] || { echo "nginx is missing (apt-get install nginx-light)" >&2; exit 2; }

# Every idle client costs a descriptor on each side: raise the soft limit to the hard one.
ulimit -n "$(ulimit -Hn)"
need=$((idle_clients + 512))
[ "$(ulimit -n)" -ge "$need" ] || { echo "RLIMIT_NOFILE $(ulimit -n) < $need" >&2; exit 2; }

work="$(mktemp -d /tmp/gatehouse-idle.XXXXXX)"
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
b1=$(free_port); b2=$(free_port); nport=$(free_port); gport=$(free_port)

nginx_conf() { # name workers body
    mkdir -p "$work/$1"
    cat > "$work/$1/nginx.conf" <<CONF
worker_processes $2;
worker_rlimit_nofile $(ulimit -n);
pid $work/$1/nginx.pid;
error_log $work/$1/error.log warn;
events { worker_connections $((idle_clients + 1024)); }
http {
    access_log off;
    client_body_temp_path $work/$1/body;
    proxy_temp_path $work/$1/proxy;
    fastcgi_temp_path $work/$1/fastcgi;
    uwsgi_temp_path $work/$1/uwsgi;
    scgi_temp_path $work/$1/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
$3
}
CONF
}
nginx_conf backends 1 "
    server { listen 127.0.0.1:$b1; location / { default_type text/plain; return 200 'You are requesting \$host\$request_uri'; } }
    server { listen 127.0.0.1:$b2; location / { default_type text/plain; return 200 'Hello, there'; } }"
nginx_conf proxy "$threads" "
    upstream backend { server 127.0.0.1:$b1; server 127.0.0.1:$b2; keepalive 256; }
    server { listen 127.0.0.1:$nport; location / { proxy_pass http://backend; proxy_http_version 1.1;
             proxy_set_header Connection \"\"; proxy_set_header Host \$host;
             proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }"
"$nginx_bin" -p "$work/backends" -c "$work/backends/nginx.conf" -g 'daemon off;' 2>>"$work/nginx.err" &
pids+=($!)
"$nginx_bin" -p "$work/proxy" -c "$work/proxy/nginx.conf" -g 'daemon off;' 2>>"$work/nginx.err" &
npid=$!
pids+=($npid)

# The same routing for Gatehouse; no SocketTimeout, so FGW's 60 s idle default applies.
cat > "$work/config.json" <<JSON
{
  "Listeners": [{"Protocol": "HTTP", "Port": $gport}],
  "RouteRules": {"$gport": {"*": {"RouteType": "HTTP", "Matches": [
    {"Path": {"Type": "Prefix", "Path": "/"}, "BackendService": {"svc": {"Weight": 100}}}]}}},
  "Services": {"svc": {"Endpoints": {"127.0.0.1:$b1": {"Weight": 100}, "127.0.0.1:$b2": {"Weight": 100}}}},
  "Chains": {"HTTPRoute": ["common/consumer.js", "http/codec.js", "http/route.js",
                           "http/service.js", "http/forward.js", "http/default.js"]}
}
JSON
"$proxy_bin" run "$work/config.json" --threads "$threads" > "$work/gatehouse.log" 2>&1 &
gpid=$!
pids+=($gpid)

for port in $b1 $b2 $nport $gport; do
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
done
sleep 1

gatehouse_kib() { awk '/VmRSS/ {print $2}' "/proc/$gpid/status"; }
nginx_kib() { # the proxy's master and workers, Pss summed
    local total=0 p
    for p in $npid $(pgrep -P "$npid"); do
        total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$p/smaps_rollup")))
    done
    echo "$total"
}

# wrk, one connection -> "p50_ms p99_ms req/s"
one_client() {
    wrk -t1 -c1 -d"$duration" --latency "http://127.0.0.1:$1/" 2>&1 |
        awk '
            function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
            /Requests\/sec/ { rps=$2 }
            /^ +50%/ { p50=ms($2) }
            /^ +99%/ { p99=ms($2) }
            END { printf "%s %s %s\n", p50, p99, rps }'
}
median() { # field index, "a b c;a b c;..."
    echo "$2" | tr ';' '\n' | awk -v f="$1" 'NF { print $f }' | sort -g |
        awk '{ v[NR]=$1 } END { if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'
}

declare -A res
measure() { # phase
    for round in $(seq "$rounds"); do
        for target in nginx gatehouse; do
            port=$nport; [ $target = gatehouse ] && port=$gport
            r=$(one_client "$port")
            echo "round $round $1 $target: $r"
            res[$1-$target]+="$r;"
        done
    done
}

rss_g0=$(gatehouse_kib); rss_n0=$(nginx_kib)
measure unloaded

# The idle holders: one process per proxy. On SIGTERM each reports how many of its
# connections are still open (a closed one reads EOF).
holder() { # port name
    python3 - "$1" "$idle_clients" > "$work/$2.idle" 2>&1 <<'PY' &
import errno, select, signal, socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
held = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(4096)
    s.setblocking(False)
    held.append(s)
print("ready", flush=True)
def report(*_):
    still = 0
    for s in held:
        try:
            still += 1 if s.recv(1) != b"" else 0
        except BlockingIOError:
            still += 1
        except OSError:
            pass
    print("still_open %d" % still, flush=True)
    sys.exit(0)
signal.signal(signal.SIGTERM, report)
while True:
    time.sleep(1)
PY
    echo $!
}
t0=$(date +%s)
hn=$(holder "$nport" nginx); pids+=($hn)
hg=$(holder "$gport" gatehouse); pids+=($hg)
for _ in $(seq 1200); do
    [ "$(cat "$work/nginx.idle" "$work/gatehouse.idle" 2>/dev/null | grep -c ready)" = 2 ] && break
    sleep 0.1
done
t1=$(date +%s)
sleep 1
rss_g1=$(gatehouse_kib); rss_n1=$(nginx_kib)
measure loaded
rss_g2=$(gatehouse_kib); rss_n2=$(nginx_kib)
kill -TERM "$hn" "$hg"
for _ in $(seq 100); do
    [ "$(cat "$work/nginx.idle" "$work/gatehouse.idle" | grep -c still_open)" = 2 ] && break
    sleep 0.1
done
t2=$(date +%s)

echo
echo "one client's latency (wrk -t1 -c1, $rounds x $duration each, medians), without and with $idle_clients idle keep-alive clients held open"
printf "%-10s %-9s %10s %10s %10s\n" proxy load p50_ms p99_ms req/s
for target in nginx gatehouse; do
    for phase in unloaded loaded; do
        printf "%-10s %-9s %10s %10s %10s\n" "$target" "$phase" \
            "$(median 1 "${res[$phase-$target]}")" "$(median 2 "${res[$phase-$target]}")" \
            "$(median 3 "${res[$phase-$target]}")"
    done
    ratio=$(awk -v a="$(median 1 "${res[loaded-$target]}")" -v b="$(median 1 "${res[unloaded-$target]}")" \
            -v c="$(median 2 "${res[loaded-$target]}")" -v d="$(median 2 "${res[unloaded-$target]}")" \
            'BEGIN { printf "p50 %.2fx, p99 %.2fx", a/b, c/d }')
    echo "$target loaded/unloaded: $ratio"
done
echo
per() { awk -v a="$1" -v b="$2" -v n="$idle_clients" 'BEGIN { printf "%.0f", (b - a) * 1024 / n }'; }
echo "memory (KiB): idle / with $idle_clients idle clients / after the loaded runs; bytes per idle connection"
echo "gatehouse VmRSS: $rss_g0 / $rss_g1 / $rss_g2  ($((rss_g0 / 1024)) MiB / $((rss_g1 / 1024)) MiB); $(per "$rss_g0" "$rss_g1") B per connection"
echo "nginx Pss sum:   $rss_n0 / $rss_n1 / $rss_n2  ($((rss_n0 / 1024)) MiB / $((rss_n1 / 1024)) MiB); $(per "$rss_n0" "$rss_n1") B per connection"
echo "idle connections still open at the end: nginx $(grep still_open "$work/nginx.idle" | awk '{print $2}'), gatehouse $(grep still_open "$work/gatehouse.idle" | awk '{print $2}') (of $idle_clients each; opened in $((t1 - t0)) s, held $((t2 - t1)) s)"
echo "threads: gatehouse $threads, nginx proxy $threads workers; RLIMIT_NOFILE $(ulimit -n)"
