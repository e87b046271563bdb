/* funcs.h - the function registry, the environment and the call context.
 *
 * Every template function (Go builtins, Sprig, Helm's own) is an hfunc: a name, an
 * htmpl_func and a signature string (see htmpl_env_add_func in htmpl.h) from which the
 * executor converts arguments exactly as Go's evalArg does. Go builtins that need unevaluated
 * or raw arguments (and, or, call, eq ...) carry a builtin id and are run by the executor.
 *
 * Each family registers itself with one function, hfn_register_<family>(), called by
 * henv_new(). A family file holds its table:
 *     static const hfunc_def defs[] = { {"upper", fn_upper, "s"}, ... };
 */
#ifndef HTMPL_FUNCS_H
#define HTMPL_FUNCS_H

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
	harena *arena; /* names and signatures */
	struct hrx_cache *rx_cache; /* compiled regexps (core/regexp.h), shared by all renders */
};
typedef struct htmpl_env henv;

henv *henv_new(void); /* = htmpl_env_new */
const hfunc *henv_lookup(const henv *env, const char *name, size_t len);
/* Registers a table; false on out of memory. */
bool henv_add_defs(henv *env, const hfunc_def *defs, size_t n);
bool henv_add_builtin(henv *env, const char *name, hbuiltin id, const char *sig);
/* Clock and randomness through the environment (deterministic in tests). */
void henv_now(const henv *env, int64_t *sec, int32_t *nsec);
bool henv_random(const henv *env, void *buf, size_t n);

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
 * (fn_strings.c; shared by the family files that build their results in an hbuf.) */
bool hcall_string_buf(hcall *c, hbuf *b, hv *out);

/* One registration function per family file. */
bool hfn_register_builtins(henv *env);   /* builtins.c: Go's and/or/len/index/printf... */
bool hfn_register_strings(henv *env);    /* fn_strings.c */
bool hfn_register_lists(henv *env);      /* fn_lists.c */
bool hfn_register_dicts(henv *env);      /* fn_dicts.c */
bool hfn_register_numeric(henv *env);    /* fn_numeric.c: math, conversions */
bool hfn_register_defaults(henv *env);   /* fn_defaults.c: default, empty, coalesce, ternary... */
bool hfn_register_regex(henv *env);      /* fn_regex.c */
bool hfn_register_encoding(henv *env);   /* fn_encoding.c: b64, b32, hashes, paths, url */
bool hfn_register_reflect(henv *env);    /* fn_reflect.c: typeOf, kindOf, deepEqual */
bool hfn_register_semver(henv *env);     /* fn_semver.c */
bool hfn_register_date(henv *env);       /* fn_date.c */
bool hfn_register_crypto(henv *env);     /* fn_crypto.c: keys, certs, bcrypt, AES, random */
bool hfn_register_data(henv *env);       /* fn_data.c: toYaml, fromYaml, toJson, toToml ... */
bool hfn_register_helm(henv *env);       /* fn_helm.c: include, tpl, required, fail, lookup */

#endif
