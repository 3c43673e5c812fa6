#!/bin/sh
# Regenerates tests/fuzz/corpus/config from the deterministic generator in
# tests/core/config/tst_robustness.cpp (every 32nd of its mutated example configs), so the
# corpus and the test always hold the same inputs. Run after changing the generator or the
# example configs, then commit the corpus. Usage: tests/fuzz/update-config-corpus.sh [preset]
set -eu
preset=${1:-ci}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" --target tst_robustness
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
GATEHOUSE_WRITE_CORPUS="$out" "build/$preset/tests/core/config/tst_robustness" writeCorpus
mkdir -p tests/fuzz/corpus/config
rm -f tests/fuzz/corpus/config/*.json
cp "$out"/*.json tests/fuzz/corpus/config/
echo "$(ls tests/fuzz/corpus/config | wc -l) files in tests/fuzz/corpus/config"
