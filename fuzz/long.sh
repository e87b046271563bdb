#!/bin/sh
# long.sh - one long libFuzzer run of a harness, stopped after a budget of CPU time (what the
# closing notes of issue 7 report): `-max_total_time` counts wall time, which on a busy
# machine is not CPU time, so this script watches the run's CPU time instead.
#   sh fuzz/long.sh TARGET CPU_SECONDS WORKDIR
# Needs build-fuzz (sh fuzz/smoke.sh TARGET builds it). WORKDIR keeps the grown corpus
# (WORKDIR/TARGET), crash inputs (WORKDIR/art/TARGET-*) and the log (WORKDIR/TARGET.log),
# which ends with /usr/bin/time's CPU and peak-memory figures. Several targets may run at
# once; each gets its share of the cores and runs until its own CPU budget is spent.
set -eu
[ $# -eq 3 ] || { echo "usage: sh fuzz/long.sh TARGET CPU_SECONDS WORKDIR" >&2; exit 2; }
t=$1 budget=$2 work=$3
cd "$(dirname "$0")/.."
bin=build-fuzz/fuzz/fuzz_$t
[ -x "$bin" ] || { echo "long.sh: $bin not built (sh fuzz/smoke.sh $t)" >&2; exit 2; }
mkdir -p "$work/$t" "$work/art"
dict=""
[ "$t" = template ] && dict="-dict=fuzz/template.dict"
# -fork=1: a crash, timeout or leak is recorded and the run goes on (ignore_* flags).
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
/usr/bin/time -v "$bin" -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
	-max_total_time=864000 -timeout=10 -rss_limit_mb=2048 -max_len=16384 $dict \
	-artifact_prefix="$work/art/$t-" -print_final_stats=1 "$work/$t" "fuzz/corpus/$t" \
	>"$work/$t.log" 2>&1 &
timer=$!
sleep 2
parent=$(pgrep -P "$timer" | head -n 1)
hz=$(getconf CLK_TCK)
while kill -0 "$parent" 2>/dev/null; do
	# fields 14-17 of /proc/PID/stat: utime stime cutime cstime (the jobs it has waited for)
	cpu=$(awk -v hz="$hz" '{print int(($14 + $15 + $16 + $17) / hz)}' "/proc/$parent/stat" 2>/dev/null || echo 0)
	if [ "$cpu" -ge "$budget" ]; then
		# SIGTERM, not SIGINT: system() ignores SIGINT while a -fork job runs
		kill -TERM "$parent" 2>/dev/null || true
		sleep 2
		pkill -TERM -f "^$bin -ignore_crashes" 2>/dev/null || true
		break
	fi
	sleep 20
done
wait "$timer" || true
grep -E '^#[0-9]+:' "$work/$t.log" | tail -n 1
grep -E 'User time|System time|Maximum resident' "$work/$t.log"
n=$(find "$work/art" -name "$t-*" -type f | wc -l)
echo "$t: $n crash/timeout/leak inputs in $work/art"
[ "$n" -eq 0 ]
