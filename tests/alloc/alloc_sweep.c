/* alloc_sweep.c - the allocation-failure sweep: fail the Nth malloc/calloc/realloc of a
 * representative workload and check that it ends in a clean out-of-memory error, with
 * nothing leaked and no crash, for N sampled densely at first and then sparsely.
 *
 *   alloc_sweep CHART_DIR [VALUES_FILE] [--budget SECONDS] [--every N] [--only N] [--jobs N]
 *
 * The workload (run once in full to count its allocations, then once per N in a forked
 * child): load the chart directory, render it with the values file and a --set, then parse and
 * execute a plain template with data. The interposer is link-time: this executable defines
 * malloc, calloc, realloc and free over glibc's __libc_* functions, so every allocation of
 * the library and of libyaml, PCRE2, zlib and OpenSSL is counted (it cannot be built with a
 * sanitizer, which owns malloc itself; meson skips it then).
 *
 * Clean means: the workload either succeeded (the failed allocation was one a caller may
 * survive) or failed with HTMPL_ERR_NOMEM, a memory-limit error or libc's ENOMEM text (an
 * opendir or fopen that could not allocate); and the number of
 * live blocks after the workload equals the number before it (no leak). */

#include "core/error.h"

#include <htmpl.h>

#include <dlfcn.h>
#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);

static unsigned long count, fail_at; /* fail_at 0: never */
/* htmpl_env_set_jobs of the workload: 1 by default, so that the Nth allocation is the same
 * one in every run (the parallel render allocates in whichever order its threads run). With
 * --jobs N > 1 (the counters are atomic) every failure must still be clean, though which
 * allocation the Nth is varies from run to run. */
static unsigned jobs = 1;
static long live;                     /* blocks allocated and not freed */
static int failed_once;

static void *fail_caller; /* who called the allocation that failed */

static int should_fail_from(void *caller)
{
	if (__atomic_add_fetch(&count, 1, __ATOMIC_RELAXED) == fail_at) {
		fail_caller = caller;
		failed_once = 1;
		errno = ENOMEM; /* as glibc's malloc does: stdio and opendir report it */
		return 1;
	}
	return 0;
}

#define should_fail() should_fail_from(__builtin_return_address(0))

/* OpenSSL's one-time initialisations (pthread_once) keep what they allocated when an
 * allocation inside them fails, and never run again: that is OpenSSL's, not a leak of ours. */
static bool failed_in_libcrypto(void)
{
	Dl_info info;
	return fail_caller && dladdr(fail_caller, &info) && info.dli_fname &&
	       (strstr(info.dli_fname, "libcrypto") ||
	        /* operator new, called only by RE2 (core/re2shim.cc): RE2 is not exception-safe,
	         * so after a std::bad_alloc (which the shim turns into out of memory) the parts it
	         * had built stay allocated. That is RE2's, like OpenSSL's above. */
	        strstr(info.dli_fname, "libstdc++"));
}

void *malloc(size_t n)
{
	if (should_fail())
		return NULL;
	void *p = __libc_malloc(n);
	__atomic_add_fetch(&live, p != NULL, __ATOMIC_RELAXED);
	return p;
}

void *calloc(size_t a, size_t b)
{
	if (should_fail())
		return NULL;
	void *p = __libc_calloc(a, b);
	__atomic_add_fetch(&live, p != NULL, __ATOMIC_RELAXED);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (should_fail())
		return NULL;
	void *q = __libc_realloc(p, n);
	if (!p && q)
		__atomic_add_fetch(&live, 1, __ATOMIC_RELAXED);
	else if (p && !n && !q)
		__atomic_sub_fetch(&live, 1, __ATOMIC_RELAXED);
	return q;
}

void free(void *p)
{
	__atomic_sub_fetch(&live, p != NULL, __ATOMIC_RELAXED);
	__libc_free(p);
}

static const char *chart_dir, *values_file;

static bool clean_code(const htmpl_error *e)
{
	return e->code == HTMPL_ERR_NOMEM ||
	       (e->code == HTMPL_ERR_LIMIT && strstr(htmpl_error_message(e), "memory")) ||
	       strstr(htmpl_error_message(e), "out of memory") != NULL ||
	       strcasestr(htmpl_error_message(e), "cannot allocate memory") != NULL; /* ENOMEM from libc */
}

/* Runs the workload; returns 0 if it succeeded or failed cleanly, else 1 (with a message). */
static int workload(bool quiet)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	/* serial by default (--jobs): a pool thread's start may allocate (glibc's TLS) outside
	 * what this sweep can balance, and the Nth allocation would vary between runs; the
	 * parallel path's errors are the serial ones (it falls back to the serial order on any
	 * failure) */
	if (env)
		htmpl_env_set_jobs(env, jobs);
	htmpl_chart *c = NULL;
	htmpl_render_opts *o = NULL;
	htmpl_template *t = NULL;
	char *out = NULL, *warn = NULL, *tout = NULL;
	bool ok = env && (c = htmpl_chart_load(env, chart_dir, &err));
	/* The option setters have no error parameter: false from them is out of memory. */
	bool opts_ok = ok && (o = htmpl_render_opts_new()) && htmpl_render_opts_set_release(o, "rel") &&
	               htmpl_render_opts_set_namespace(o, "ns") &&
	               (!values_file || htmpl_render_opts_add_values_file(o, values_file)) &&
	               htmpl_render_opts_add_set(o, HTMPL_SET, "extra.a=1,extra.list={x,y}");
	if (ok && !opts_ok) {
		ok = false;
		herr_nomem(&err);
	}
	if (ok) {
		htmpl_render_opts_set_env(o, env);
		size_t n;
		ok = (out = htmpl_render(c, o, &n, &warn, &err)) != NULL;
	}
	static const char text[] = "{{ define \"x\" }}[{{ . | upper }}]{{ end }}"
	                           "{{ range $k, $v := .m }}{{ $k }}={{ include \"x\" $v | quote }} {{ end }}"
	                           "{{ .l | toJson }} {{ toYaml . | indent 2 }} {{ regexReplaceAll \"a(.)\" .s \"$1\" }}"
	                           "{{ printf \"%05.2f %v\" .f .l }} {{ .s | sha256sum | trunc 8 }}";
	if (ok && (t = htmpl_template_parse(env, "t", text, sizeof text - 1, &err))) {
		size_t n;
		ok = (tout = htmpl_template_execute(t, "t", "m: {a: b, c: d}\nl: [1, two]\ns: banana\nf: 3.14159\n",
		                                    &n, &err)) != NULL;
	} else {
		ok = false;
	}
	int rc = 0;
	if (!ok && !(err.code && clean_code(&err)) && !(err.code == 0 && !env)) {
		/* an env that could not be built has no error to report: that is clean */
		if (!quiet)
			fprintf(stderr, "not a clean out-of-memory error: code %d: %.300s\n", err.code,
			        htmpl_error_message(&err));
		rc = 1;
	}
	free(out);
	free(warn);
	free(tout);
	htmpl_template_free(t);
	htmpl_render_opts_free(o);
	htmpl_chart_free(c);
	htmpl_env_free(env);
	htmpl_error_clear(&err);
	return rc;
}

/* Child for one N: the workload with the Nth allocation failing; the exit status says. */
static int run_child(unsigned long n)
{
	count = 0;
	fail_at = n;
	long before = live;
	int rc = workload(false);
	fail_at = 0;
	if (live != before && !failed_in_libcrypto()) {
		fprintf(stderr, "leak: %ld blocks after failing allocation %lu\n", live - before, n);
		rc = 1;
	}
	return rc;
}

static unsigned long next_n(unsigned long n, unsigned long total, unsigned long every)
{
	if (every)
		return n + every;
	if (n < 2000)
		return n + 1;
	unsigned long step = n / 300; /* then about 300 samples per doubling */
	(void)total;
	return n + (step ? step : 1);
}

int main(int argc, char **argv)
{
	double budget = 110;
	unsigned long every = 0, only = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--budget") && i + 1 < argc)
			budget = atof(argv[++i]);
		else if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--jobs") && i + 1 < argc)
			jobs = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "--every") && i + 1 < argc)
			every = strtoul(argv[++i], NULL, 10);
		else if (!chart_dir)
			chart_dir = argv[i];
		else
			values_file = argv[i];
	}
	if (!chart_dir) {
		fputs("usage: alloc_sweep CHART_DIR [VALUES_FILE] [--budget SECONDS] [--every N] [--only N] [--jobs N]\n", stderr);
		return 2;
	}
	setvbuf(stdout, NULL, _IONBF, 0);
	/* Warm-up: one-time initialisation in libraries (OpenSSL, libc) happens here, not in the
	 * children, so the live-block count measures only the workload. */
	if (workload(false))
		return 1;
	/* OpenSSL makes its per-thread error queue on the first error and keeps it until exit:
	 * make it now, or the first failing digest would count it as a leak. */
	OPENSSL_init_crypto(OPENSSL_INIT_LOAD_CRYPTO_STRINGS, NULL);
	ERR_raise(ERR_LIB_EVP, 0);
	ERR_clear_error();
	count = 0;
	if (workload(false))
		return 1;
	unsigned long total = count;
	if (only) /* one N in this process, for a debugger */
		return run_child(only);
	printf("workload makes %lu allocations\n", total);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned long runs = 0, bad = 0, n;
	for (n = 1; n <= total; n = next_n(n, total, every)) {
		fflush(stderr);
		pid_t pid = fork();
		if (pid == 0)
			_exit(run_child(n));
		int st = 0;
		waitpid(pid, &st, 0);
		runs++;
		if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			bad++;
			printf("FAIL at allocation %lu: %s %d\n", n, WIFSIGNALED(st) ? "signal" : "exit",
			       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
			if (bad >= 20)
				break;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		if ((double)(t1.tv_sec - t0.tv_sec) > budget) {
			printf("time budget reached at allocation %lu\n", n);
			break;
		}
	}
	printf("%lu runs, %lu failures (allocations 1..%lu, dense to 2000, then sparse)\n", runs, bad,
	       n > total ? total : n);
	return bad ? 1 : 0;
}
