#!/usr/bin/env bash
# Gatehouse vs nginx as a reverse proxy, on this machine, interleaved.
#
# nginx (Debian) runs the article's two backends (8081-like "You are requesting ...", 8082-like
# "Hello, there") and, separately, a reference reverse proxy over them (upstream keepalive 256,
# same worker count). gatehouse-proxy runs the seed article's config (sticky cookie and health
# checks on) with the same backends. wrk drives each proxy in turn: keep-alive with 50 and 200
# connections, and Connection: close with 50; ROUNDS rounds of DURATION each, interleaved so
# that drift on a shared machine hits both alike. Prints the median req/s, p50 and p99 of each
# and the ratios, plus gatehouse's idle RSS.
#
# Usage: tests/bench/bench.sh [scenario...] [path/to/gatehouse-proxy]
#   scenarios: keepalive50 keepalive200 close50 static1k static1m (dashes optional); with any,
#   only those run and the idle-client memory measurement is skipped (a quick check, e.g.
#   `ROUNDS=1 tests/bench/bench.sh keepalive50`).
# Env: THREADS (2), ROUNDS (3), DURATION (10s), WRK_THREADS (2), IDLE_CLIENTS (10000),
#      ONLY (regex of scenario names to run, e.g. ONLY=static)
# Instructions and system calls per request (deterministic, usable on a busy machine):
# tests/bench/profile.sh.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
proxy_bin="$root/build/ci/app/gatehouse-proxy"
picked=()
for arg in "$@"; do
    case "${arg//-/}" in
        keepalive50 | keepalive200 | close50 | static1k | static1m) picked+=("${arg//-/}") ;;
        *) proxy_bin="$arg" ;;
    esac
done
threads="${THREADS:-2}"
rounds="${ROUNDS:-3}"
duration="${DURATION:-10s}"
wrk_threads="${WRK_THREADS:-2}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

[ -x "$proxy_bin" ] || { echo "no gatehouse-proxy at $proxy_bin (build it first)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 2; }
[ -x "$nginx_bin" ] || { echo "nginx is missing (apt-get install nginx-light)" >&2; exit 2; }

ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
work="$(mktemp -d /tmp/gatehouse-bench.XXXXXX)"
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
b1=$(free_port); b2=$(free_port); nport=$(free_port); gport=$(free_port); sport=$(free_port)
nsport=$(free_port)
mkdir -p "$work/www"
head -c 1024 /dev/urandom > "$work/www/1k.bin"
head -c 1048576 /dev/urandom > "$work/www/1m.bin"
chmod 755 "$work" "$work/www"; chmod 644 "$work/www/"*   # nginx workers are unprivileged

nginx_conf() { # name workers body
    mkdir -p "$work/$1"
    cat > "$work/$1/nginx.conf" <<CONF
worker_processes $2;
pid $work/$1/nginx.pid;
error_log $work/$1/error.log warn;
events { worker_connections 16384; }
http {
    access_log off;
    client_body_temp_path $work/$1/body;
    proxy_temp_path $work/$1/proxy;
    fastcgi_temp_path $work/$1/fastcgi;
    uwsgi_temp_path $work/$1/uwsgi;
    scgi_temp_path $work/$1/scgi;
    keepalive_requests 1000000;
$3
}
CONF
}

nginx_conf backends "$threads" "
    server { listen 127.0.0.1:$b1; location / { default_type text/plain; return 200 'You are requesting \$host\$request_uri'; } }
    server { listen 127.0.0.1:$b2; location / { default_type text/plain; return 200 'Hello, there'; } }"
nginx_conf proxy "$threads" "
    upstream backend { server 127.0.0.1:$b1; server 127.0.0.1:$b2; keepalive 256; }
    server { listen 127.0.0.1:$nport; location / { proxy_pass http://backend; proxy_http_version 1.1;
             proxy_set_header Connection \"\"; proxy_set_header Host \$host;
             proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }
    sendfile on; tcp_nopush on;
    server { listen 127.0.0.1:$nsport; root $work/www; default_type application/octet-stream; }"

"$nginx_bin" -p "$work/backends" -c "$work/backends/nginx.conf" -g 'daemon off;' 2>>"$work/nginx.err" &
pids+=($!)
"$nginx_bin" -p "$work/proxy" -c "$work/proxy/nginx.conf" -g 'daemon off;' 2>>"$work/nginx.err" &
pids+=($!)

# The seed article's config, with the backends' and listeners' ports rewritten.
sed -e "s/127.0.0.1:8081/127.0.0.1:$b1/; s/127.0.0.1:8082/127.0.0.1:$b2/" \
    -e "s/\"Port\": 8000/\"Port\": $gport/; s/\"8000\":/\"$gport\":/" \
    -e "s/\"Port\": 8080/\"Port\": $sport/; s/\"8080\":/\"$sport\":/" \
    -e "s|\"ServerRoot\": \"/tmp\"|\"ServerRoot\": \"$work/www\"|" \
    "$root/resources/examples/fgw-article.json" > "$work/config.json"
"$proxy_bin" run "$work/config.json" --threads "$threads" > "$work/gatehouse.log" 2>&1 &
gpid=$!
pids+=($gpid)

for port in $b1 $b2 $nport $gport; do
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
done
sleep 1
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$gpid/status")

# wrk output -> "req/s p50_ms p99_ms"
run_wrk() { # port connections path extra-args...
    local port=$1 conns=$2 path=$3; shift 3
    wrk -t"$wrk_threads" -c"$conns" -d"$duration" --latency "$@" "http://127.0.0.1:$port$path" 2>&1 |
        awk '
            function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
            /Requests\/sec/ { rps=$2 }
            /^ +50%/ { p50=ms($2) }
            /^ +99%/ { p99=ms($2) }
            /Non-2xx/ { errors=$NF }
            END { printf "%s %s %s %s\n", rps, p50, p99, (errors=="" ? 0 : errors) }'
}

declare -A results
wanted() { # scenario name
    [[ "$1" =~ ${ONLY:-.} ]] || return 1
    [ ${#picked[@]} -eq 0 ] && return 0
    local p
    for p in "${picked[@]}"; do [ "$p" = "${1//-/}" ] && return 0; done
    return 1
}
# name:connections:path:mode (mode "close" sends Connection: close; "static" targets the
# static listeners: nginx's root vs gatehouse's ServerRoot over the same directory).
scenarios=("keepalive-50:50:/:" "keepalive-200:200:/:" "close-50:50:/:close"
           "static-1k:50:/1k.bin:static" "static-1m:50:/1m.bin:static")
for round in $(seq "$rounds"); do
    for s in "${scenarios[@]}"; do
        IFS=: read -r name conns path mode <<< "$s"
        wanted "$name" || continue
        for target in nginx gatehouse; do
            port=$nport; [ $target = gatehouse ] && port=$gport
            if [ "$mode" = static ]; then
                port=$nsport; [ $target = gatehouse ] && port=$sport
            fi
            if [ "$mode" = close ]; then
                r=$(run_wrk "$port" "$conns" "$path" -H "Connection: close")
            else
                r=$(run_wrk "$port" "$conns" "$path")
            fi
            results["$name/$target"]+="$r;"
            echo "round $round $name $target: $r" >&2
        done
    done
done
rss_after=$(awk '/VmRSS/ {print $2}' "/proc/$gpid/status")

idle_state=skipped
if [ ${#picked[@]} -eq 0 ]; then
# 10,000 idle keep-alive clients (each made one request first), held by a separate process.
idle_clients=${IDLE_CLIENTS:-10000}
python3 - "$gport" "$idle_clients" > "$work/idle.out" 2>&1 <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
held = []
for i in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHost: bench\r\n\r\n")
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(4096)
    held.append(s)
print("ready", flush=True)
time.sleep(600)
PY
idle_pid=$!
pids+=($idle_pid)
for _ in $(seq 600); do grep -q ready "$work/idle.out" 2>/dev/null && break; sleep 0.1; done
sleep 1
rss_idle_clients=$(awk '/VmRSS/ {print $2}' "/proc/$gpid/status")
idle_state=$(grep -c ready "$work/idle.out" || true)
kill "$idle_pid" 2>/dev/null || true
fi

median() { # field index, "a b c;a b c;..."
    echo "$2" | tr ';' '\n' | awk -v f="$1" 'NF { print $f }' | sort -g | awk '{ v[NR]=$1 } END { if (NR % 2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2 }'
}

[ "$rounds" -gt 0 ] && printf "\n%-14s %-10s %12s %10s %10s\n" scenario proxy "req/s" "p50 ms" "p99 ms"
[ "$rounds" -gt 0 ] && for s in "${scenarios[@]}"; do
    name=${s%%:*}
    wanted "$name" || continue
    for target in nginx gatehouse; do
        r=${results["$name/$target"]}
        printf "%-14s %-10s %12.0f %10.3f %10.3f\n" "$name" "$target" "$(median 1 "$r")" "$(median 2 "$r")" "$(median 3 "$r")"
    done
    n=${results["$name/nginx"]}; g=${results["$name/gatehouse"]}
    awk -v gr="$(median 1 "$g")" -v nr="$(median 1 "$n")" -v gp="$(median 3 "$g")" -v np="$(median 3 "$n")" -v name="$name" \
        'BEGIN { printf "%-14s ratio      %12.2fx  p99 gatehouse/nginx %.2fx\n", name, gr/nr, gp/np }'
done
echo
echo "gatehouse idle RSS: $((rss_idle / 1024)) MiB (${rss_idle} KiB); after the runs: $((rss_after / 1024)) MiB"
if [ "$idle_state" = skipped ]; then
    echo "idle keep-alive clients: not measured (single scenarios picked)"
elif [ "$idle_state" = 1 ]; then
    echo "gatehouse RSS with $idle_clients idle keep-alive clients: $((rss_idle_clients / 1024)) MiB"
else
    echo "idle-clients measurement did not complete: $(tail -2 "$work/idle.out")"
fi
echo "threads: gatehouse $threads, nginx proxy $threads workers; wrk -t$wrk_threads, $rounds rounds of $duration"
grep -E "health:|not active" "$work/gatehouse.log" | head -5 || true
