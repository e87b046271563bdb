#!/bin/sh
# coverage.sh - source coverage reached by each harness's corpus: builds build-cov with clang's
# source-based coverage (no sanitizer), replays the corpus through replay_<target> and prints
# llvm-cov's line and branch figures for the library (harness sources excluded), per target
# and for all targets together. This is the coverage the closing notes of issue 7 report.
#   sh fuzz/coverage.sh [DIR_ROOT]   corpus of target T: DIR_ROOT/T (default fuzz/corpus/T)
set -eu
cd "$(dirname "$0")/.."
root=${1:-fuzz/corpus}
for tool in clang llvm-profdata llvm-cov; do
	command -v $tool >/dev/null || { echo "coverage.sh: $tool not found" >&2; exit 2; }
done
if [ ! -d build-cov ]; then
	CC=clang CXX=clang++ meson setup build-cov -Dtests=false --buildtype=debug \
		-Dc_args='-fprofile-instr-generate -fcoverage-mapping' \
		-Dc_link_args=-fprofile-instr-generate >/dev/null
fi
targets="template yaml set chart"
for t in $targets; do ninja -C build-cov "fuzz/replay_$t" >/dev/null; done
prof=build-cov/prof
rm -rf "$prof"
mkdir -p "$prof"
objs=""
ignore='(fuzz|tests)/'
for t in $targets; do
	dirs="$root/$t"
	[ "$root" = fuzz/corpus ] || dirs="$dirs fuzz/corpus/$t"
	n=$(find $dirs -type f | wc -l)
	LLVM_PROFILE_FILE="$prof/$t.profraw" "build-cov/fuzz/replay_$t" $dirs >/dev/null 2>&1 || true
	llvm-profdata merge -sparse "$prof/$t.profraw" -o "$prof/$t.profdata"
	printf '%-9s %6s inputs  ' "$t" "$n"
	llvm-cov report "build-cov/fuzz/replay_$t" -instr-profile="$prof/$t.profdata" \
		-ignore-filename-regex="$ignore" | awk '/^TOTAL/ { print "lines " $10 " (" $8 " lines), branches " $13 }'
	objs="$objs -object build-cov/fuzz/replay_$t"
done
llvm-profdata merge -sparse "$prof"/*.profraw -o "$prof/all.profdata"
printf '%-9s %6s         ' all ""
# shellcheck disable=SC2086 # objs is a list of options
llvm-cov report $objs -instr-profile="$prof/all.profdata" -ignore-filename-regex="$ignore" |
	awk '/^TOTAL/ { print "lines " $10 " (" $8 " lines), branches " $13 }'
echo "per file: llvm-cov report$objs -instr-profile=$prof/all.profdata"
