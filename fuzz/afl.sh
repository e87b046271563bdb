#!/bin/sh
# afl.sh - run one harness under AFL++ instead of libFuzzer: the same fuzz_<target>.c,
# compiled by afl-clang-fast, which links AFL++'s libFuzzer driver for -fsanitize=fuzzer
# (Debian package afl++). Builds build-afl on first use; findings land in OUT/default/crashes.
#   sh fuzz/afl.sh TARGET [SECONDS] [OUT]      e.g. sh fuzz/afl.sh yaml 3600
# Without a sanitizer the build only finds crashes and hangs; for ASan add
# AFL_USE_ASAN=1 when building (meson setup --wipe build-afl ...) and expect fewer execs/s.
set -eu
cd "$(dirname "$0")/.."
t=${1:?usage: sh fuzz/afl.sh TARGET [SECONDS] [OUT]}
secs=${2:-600}
out=${3:-build-afl/out-$t}
command -v afl-fuzz >/dev/null || { echo "afl.sh: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }
if [ ! -d build-afl ]; then
	CC=afl-clang-fast meson setup build-afl -Dfuzzing=true -Dtests=false >/dev/null
fi
ninja -C build-afl "fuzz/fuzz_$t" >/dev/null
dict=""
[ "$t" = template ] && dict="-x fuzz/template.dict"
# AFL++ refuses to start when the machine is not tuned for it; these keep it usable on a
# shared development machine (no CPU pinning, no core_pattern change).
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 \
	afl-fuzz -V "$secs" -t 10000 -m none $dict -i "fuzz/corpus/$t" -o "$out" -- "build-afl/fuzz/fuzz_$t"
grep -E "execs_done|corpus_count|bitmap_cvg|saved_crashes|saved_hangs" "$out/default/fuzzer_stats"
