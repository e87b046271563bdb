#!/bin/sh
# smoke.sh - a short fuzz run of every harness (CI, where clang is present): builds the
# libFuzzer binaries in build-fuzz (ASan+UBSan, the whole library instrumented for coverage)
# and runs each from its committed corpus for a fixed number of inputs with a fixed seed, so
# a CI run is deterministic (FUZZ_SECONDS=N runs each for N seconds instead); any crash, leak,
# timeout or sanitizer report fails the run. Crash inputs land in build-fuzz/artifacts/.
#   sh fuzz/smoke.sh [TARGET...]
# A long run (what the closing notes of issue 7 report): sh fuzz/long.sh TARGET CPU_SECONDS WORKDIR,
# the same binaries with, e.g.:
#   build-fuzz/fuzz/fuzz_template -fork=1 -max_total_time=3600 -dict=fuzz/template.dict \
#       WORKDIR fuzz/corpus/template SEEDS        (SEEDS: python3 fuzz/make-seeds.py DIR)
set -eu
cd "$(dirname "$0")/.."
secs=${FUZZ_SECONDS:-}
runs() { # inputs per target for a deterministic run of about 20 seconds
	case $1 in template) echo 6000 ;; chart) echo 4000 ;; set) echo 15000 ;; *) echo 40000 ;; esac
}
targets=${*:-template yaml set chart}
if [ ! -d build-fuzz ]; then
	CC=clang CXX=clang++ meson setup build-fuzz -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link >/dev/null
fi
for t in $targets; do ninja -C build-fuzz "fuzz/fuzz_$t" >/dev/null; done
mkdir -p build-fuzz/artifacts
status=0
for t in $targets; do
	work=$(mktemp -d)
	dict=""
	[ "$t" = template ] && dict="-dict=fuzz/template.dict"
	if [ -n "$secs" ]; then limit="-max_total_time=$secs"; else limit="-runs=$(runs "$t") -seed=1"; fi
	echo "fuzz smoke: $t ($limit)"
	if ! UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
		"build-fuzz/fuzz/fuzz_$t" $limit -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 $dict -artifact_prefix="build-fuzz/artifacts/$t-" -print_final_stats=1 \
		"$work" "fuzz/corpus/$t" >"build-fuzz/artifacts/$t.log" 2>&1; then
		echo "fuzz smoke: $t FAILED (see build-fuzz/artifacts/$t.log)"
		tail -40 "build-fuzz/artifacts/$t.log"
		status=1
	else
		grep -E "stat::number_of_executed_units|cov:" "build-fuzz/artifacts/$t.log" | tail -2
	fi
	rm -rf "$work"
done
exit $status
