#!/usr/bin/env bash
# Instructions and system calls per request, gatehouse-proxy vs nginx, one worker each.
#
# Same setup as bench.sh (nginx backends, the seed article's config, nginx as the reference proxy
# with upstream keepalive), but each proxy runs with one worker, first under callgrind (all
# threads' instructions, counters zeroed after a warm-up, dumped after DURATION of wrk load), then
# under `strace -c -f` (attached after the warm-up). Both counts are divided by the requests wrk
# completed in that window. Instruction counts are deterministic enough to judge a change while
# the machine is busy, which wall-clock figures are not.
#
# Usage: tests/bench/profile.sh [path/to/gatehouse-proxy]
# Env: DURATION (5s), ONLY (regex of scenarios: keepalive-50 close-50 static-1k static-1m),
#      TARGETS ("gatehouse nginx"), TOOLS ("callgrind strace"), KEEP (1: keep callgrind dumps in
#      /tmp/gatehouse-profile.*, for callgrind_annotate)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
proxy_bin="${1:-$root/build/ci/app/gatehouse-proxy}"
duration="${DURATION:-5s}"
targets="${TARGETS:-gatehouse nginx}"
tools="${TOOLS:-callgrind strace}"
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"
for t in wrk valgrind callgrind_control strace; do
    command -v $t >/dev/null || { echo "$t is missing (see .ci/deps)" >&2; exit 2; }
done
[ -x "$proxy_bin" ] || { echo "no gatehouse-proxy at $proxy_bin (build it first)" >&2; exit 2; }

ulimit -n 65536 2>/dev/null || true
work="$(mktemp -d /tmp/gatehouse-profile.XXXXXX)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    [ "${KEEP:-0}" = 1 ] && echo "callgrind dumps kept in $work" >&2 || rm -rf "$work"
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
chmod 755 "$work" "$work/www"; chmod 644 "$work/www/"*

nginx_conf() { # name workers extra-main body
    mkdir -p "$work/$1"
    cat > "$work/$1/nginx.conf" <<CONF
worker_processes $2;
$3
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
$4
}
CONF
}
nginx_conf backends 1 "" "
    server { listen 127.0.0.1:$b1; location / { default_type text/plain; return 200 'You are requesting \$host\$request_uri'; } }
    server { listen 127.0.0.1:$b2; location / { default_type text/plain; return 200 'Hello, there'; } }"
nginx_conf proxy 1 "master_process off;" "
    upstream backend { server 127.0.0.1:$b1; server 127.0.0.1:$b2; keepalive 256; }
    server { listen 127.0.0.1:$nport; location / { proxy_pass http://backend; proxy_http_version 1.1;
             proxy_set_header Connection \"\"; proxy_set_header Host \$host;
             proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for; } }
    sendfile on; tcp_nopush on;
    server { listen 127.0.0.1:$nsport; root $work/www; default_type application/octet-stream; }"
"$nginx_bin" -p "$work/backends" -c "$work/backends/nginx.conf" -g 'daemon off;' 2>>"$work/nginx.err" &
pids+=($!)

sed -e "s/127.0.0.1:8081/127.0.0.1:$b1/; s/127.0.0.1:8082/127.0.0.1:$b2/" \
    -e "s/\"Port\": 8000/\"Port\": $gport/; s/\"8000\":/\"$gport\":/" \
    -e "s/\"Port\": 8080/\"Port\": $sport/; s/\"8080\":/\"$sport\":/" \
    -e "s|\"ServerRoot\": \"/tmp\"|\"ServerRoot\": \"$work/www\"|" \
    "$root/resources/examples/fgw-article.json" > "$work/config.json"

start_target() { # target prefix-command...
    local target=$1; shift
    if [ "$target" = gatehouse ]; then
        "$@" "$proxy_bin" run "$work/config.json" --threads 1 > "$work/$target.log" 2>&1 &
    else
        "$@" "$nginx_bin" -p "$work/proxy" -c "$work/proxy/nginx.conf" -g 'daemon off;' > "$work/$target.log" 2>&1 &
    fi
    tpid=$!
    pids+=($tpid)
    local port=$gport; [ "$target" = nginx ] && port=$nport
    for _ in $(seq 300); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.2; done
}
stop_target() {
    kill "$tpid" 2>/dev/null || true
    wait "$tpid" 2>/dev/null || true
}

# scenario -> "port-of-gatehouse port-of-nginx connections path extra-header"
scenario_args() { # name target
    local g n
    case $1 in
        keepalive-50) g=$gport; n=$nport; echo "$([ "$2" = gatehouse ] && echo $g || echo $n) 50 /" ;;
        close-50) g=$gport; n=$nport; echo "$([ "$2" = gatehouse ] && echo $g || echo $n) 50 / close" ;;
        static-1k) g=$sport; n=$nsport; echo "$([ "$2" = gatehouse ] && echo $g || echo $n) 50 /1k.bin" ;;
        static-1m) g=$sport; n=$nsport; echo "$([ "$2" = gatehouse ] && echo $g || echo $n) 10 /1m.bin" ;;
    esac
}
load() { # duration port conns path [close]
    local extra=()
    [ "${5:-}" = close ] && extra=(-H "Connection: close")
    wrk -t1 -c"$3" -d"$1" "${extra[@]}" "http://127.0.0.1:$2$4" 2>&1 | awk '/requests in/ { print $1 }'
}

scenarios=(keepalive-50 close-50 static-1k static-1m)
declare -A result
for tool in $tools; do
    for target in $targets; do
        case $tool in
            callgrind) start_target "$target" valgrind --tool=callgrind --trace-children=no \
                           --callgrind-out-file="$work/cg.$target.%p" ;;
            strace) start_target "$target" ;;
        esac
        for s in "${scenarios[@]}"; do
            [[ "$s" =~ ${ONLY:-.} ]] || continue
            read -r port conns path mode <<< "$(scenario_args "$s" "$target")"
            load 2s "$port" "$conns" "$path" "${mode:-}" > /dev/null # warm up, pools filled
            if [ "$tool" = callgrind ]; then
                callgrind_control -z "$tpid" > /dev/null 2>&1
                n=$(load "$duration" "$port" "$conns" "$path" "${mode:-}")
                callgrind_control -d "$s" "$tpid" > /dev/null 2>&1
                sleep 0.5
                dump=$(ls -t "$work"/cg."$target".* | head -1)
                ir=$(awk '/^summary:/ { print $2 }' "$dump")
                [ "${KEEP:-0}" = 1 ] && mv "$dump" "$work/callgrind.$target.$s"
                [ "${KEEP:-0}" = 1 ] || rm -f "$dump"
                result["$s/$target/ir"]=$(awk -v a="$ir" -v n="$n" 'BEGIN { printf "%.0f", a / n }')
                echo "callgrind $target $s: $n requests, $ir instructions" >&2
            else
                strace -c -f -p "$tpid" -o "$work/strace.$target.$s" &
                spid=$!
                sleep 1
                n=$(load "$duration" "$port" "$conns" "$path" "${mode:-}")
                kill -INT $spid; wait $spid 2>/dev/null || true
                calls=$(awk '$NF == "total" { print $4 }' "$work/strace.$target.$s")
                result["$s/$target/sys"]=$(awk -v a="$calls" -v n="$n" 'BEGIN { printf "%.2f", a / n }')
                result["$s/$target/top"]=$(awk -v n="$n" '$1 ~ /^[0-9.]+$/ && $NF != "total" && NF >= 5 {
                        c = (NF == 6 ? $4 : $4); printf "%s %.2f\n", $NF, c / n }' "$work/strace.$target.$s" |
                    sort -k2 -gr | head -6 | awk '{ printf "%s%s:%s", (NR > 1 ? " " : ""), $1, $2 }')
                echo "strace $target $s: $n requests, $calls calls" >&2
            fi
        done
        stop_target
    done
done

printf "\n%-13s %-10s %14s %12s  %s\n" scenario proxy "instr/request" "sys/request" "syscalls/request"
for s in "${scenarios[@]}"; do
    [[ "$s" =~ ${ONLY:-.} ]] || continue
    for target in $targets; do
        printf "%-13s %-10s %14s %12s  %s\n" "$s" "$target" "${result["$s/$target/ir"]:--}" \
            "${result["$s/$target/sys"]:--}" "${result["$s/$target/top"]:-}"
    done
done
echo "(one worker each; wrk -t1; callgrind counts every thread of the process, including"
echo " gatehouse's health checks; nginx runs with master_process off)"
