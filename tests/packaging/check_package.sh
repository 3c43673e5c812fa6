#!/usr/bin/env bash
# Builds the .deb from the build tree and checks it the way Debian would: lintian without
# errors, the desktop file and the AppStream metainfo valid. Usage: check_package.sh BUILD_DIR
set -euo pipefail
build_dir=$1
src_dir=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
desktop-file-validate "$src_dir/packaging/io.gatehouse.Gatehouse.desktop"
appstreamcli validate --no-net --pedantic "$src_dir/packaging/io.gatehouse.Gatehouse.metainfo.xml"
cpack --config "$build_dir/CPackConfig.cmake" -B "$out" > "$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
deb=$(ls "$out"/*.deb)
dpkg-deb --info "$deb" | grep -E '^ (Package|Version|Depends|Section):'
# lintian exits non-zero on errors; print everything it says.
lintian --fail-on error --tag-display-limit 0 "$deb" 2>&1 | grep -v 'running with root privileges' || true
lintian --fail-on error "$deb" > /dev/null 2>&1
contents=$(dpkg-deb --contents "$deb")
for f in usr/bin/gatehouse-proxy usr/share/applications/io.gatehouse.Gatehouse.desktop \
         usr/share/metainfo/io.gatehouse.Gatehouse.metainfo.xml \
         usr/lib/systemd/system/gatehouse-proxy.service usr/share/doc/gatehouse/copyright; do
  grep -qF "./$f" <<<"$contents" || { echo "missing from the package: $f"; exit 1; }
done
echo "package OK: $(basename "$deb")"
