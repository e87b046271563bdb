/* env.h - the function registry, the environment and the call context.
 *
 * Every template function (Go builtins, Sprig, Helm's own) is an hfunc: a name, an
 * htmpl_func and a signature string (see htmpl_env_add_func in htmpl.h) from which the
 * executor converts arguments exactly as Go's evalArg does. Go builtins that need unevaluated
 * or raw arguments (and, or, call, eq ...) carry a builtin id and are run by the executor.
 *
 * Each family registers itself with one function, h<module>_register(), called by
 * hfuncmap_new() in helm/funcmap.c, the one place that knows every family. A family file
 * holds its table:
 *     static const hfunc_def defs[] = { {"upper", fn_upper, "s"}, ... };
 */
#ifndef HTMPL_ENV_H
#define HTMPL_ENV_H

#include "core/error.h"
#include "value/value.h"

typedef struct hfunc_def {
	const char *name;
	htmpl_func fn;
	const char *sig;
} hfunc_def;

/* Go builtins handled inside the executor (fn may be NULL for those). */
typedef enum hbuiltin {
	HB_NONE = 0,
	HB_AND, HB_OR, HB_NOT, HB_LEN, HB_INDEX, HB_PRINT, HB_PRINTF, HB_PRINTLN,
	HB_HTML, HB_JS, HB_URLQUERY, HB_CALL, HB_EQ, HB_NE, HB_LT, HB_LE, HB_GT, HB_GE,
	HB_INCLUDE, HB_TPL, /* Helm's, need the executor */
} hbuiltin;

typedef struct hfunc {
	const char *name;
	htmpl_func fn;
	const char *sig; /* parameter letters, optional trailing '*' */
	uint8_t nparams; /* letters in sig */
	bool variadic;
	uint8_t builtin; /* hbuiltin */
	void *userdata;
} hfunc;

struct htmpl_env {
	hfunc *funcs; /* open-addressing table by name */
	size_t nfuncs, cap;
	htmpl_clock_fn clock;
	void *clock_ud;
	htmpl_random_fn random;
	void *random_ud;
	uint64_t limits[HTMPL_LIMIT__COUNT];
	unsigned jobs; /* htmpl_env_set_jobs: 0 = online CPUs */
	int helm; /* 3 or 4: the Helm version reproduced (htmpl_env_set_helm_version) */
	harena *arena; /* names and signatures */
	struct hrx_cache *rx_cache; /* compiled regexps (core/regexp.h), shared by all renders */
};
typedef struct htmpl_env henv;

/* An environment with no functions, the real clock and randomness, and the default limits.
 * htmpl_env_new (helm/funcmap.c) fills it with Go's, Sprig's and Helm's functions. */
henv *henv_new_empty(void);
const hfunc *henv_lookup(const henv *env, const char *name, size_t len);
/* Registers a table; false on out of memory. */
bool henv_add_defs(henv *env, const hfunc_def *defs, size_t n);
bool henv_add_builtin(henv *env, const char *name, hbuiltin id, const char *sig);
/* Clock and randomness through the environment (deterministic in tests). */
void henv_now(const henv *env, int64_t *sec, int32_t *nsec);
bool henv_random(const henv *env, void *buf, size_t n);
/* True when htmpl_env_set_random installed a source (the render then stays serial). */
bool henv_random_fixed(const henv *env);

struct hexec; /* executor state, see exec.h */

/* The context of one call. */
struct htmpl_call {
	harena *arena;         /* allocate results here */
	const henv *env;
	struct hexec *exec;    /* the running template, for include/tpl; may be NULL */
	const hfunc *fn;       /* the function being called */
	hbuf *msg;             /* error message buffer, set by hcall_error */
	bool failed;
	int lint_mode;         /* Helm LintMode: required/fail only log */
};

/* Sets the error text (what follows "error calling NAME: ") and returns false. */
bool hcall_errorf(hcall *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
bool hcall_errorn(hcall *c, const char *msg, size_t n);
bool hcall_nomem(hcall *c);
/* A string result from a buffer, which is freed: out of memory when the buffer ran out.
 * (Shared by the family files that build their results in an hbuf.) */
bool hcall_string_buf(hcall *c, hbuf *b, hv *out);

#endif
