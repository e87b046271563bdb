/* fn_test_util.h - helpers for the template-function unit tests (test_fn_*.c): call a
 * registered function directly with converted arguments, as the executor would. */
#ifndef FN_TEST_UTIL_H
#define FN_TEST_UTIL_H

#include "helm/funcmap.h"

#include <check.h>
#include <stdio.h>
#include <string.h>

static henv *E;
static harena *A;
static hbuf MSG;

static void fn_setup(void)
{
	E = hfuncmap_new();
	A = harena_new();
	ck_assert_ptr_nonnull(E);
	htmpl_env_set_helm_version(E, 3); /* the expectations are helm 3.17.3's */
	ck_assert_ptr_nonnull(A);
}

static void fn_teardown(void)
{
	htmpl_env_free(E);
	harena_free(A);
	hbuf_free(&MSG);
}

/* Calls NAME; on failure the error text is in MSG. */
static bool fcall(const char *name, size_t argc, const hv *argv, hv *out)
{
	const hfunc *f = henv_lookup(E, name, strlen(name));
	ck_assert_msg(f != NULL, "function %s not registered", name);
	hcall c = {.arena = A, .env = E, .fn = f, .msg = &MSG};
	hbuf_reset(&MSG);
	*out = hv_invalid();
	return f->fn(&c, argc, argv, out);
}

static hv S_(const char *x)
{
	hv v;
	ck_assert(hv_string(A, x, strlen(x), &v));
	return v;
}

static inline hv SN_(const char *x, size_t n)
{
	hv v;
	ck_assert(hv_string(A, x, n, &v));
	return v;
}

#define ARGS(...) (sizeof((hv[]){__VA_ARGS__}) / sizeof(hv)), ((hv[]){__VA_ARGS__})

/* Asserts NAME(args) returns the string EXP (a C string literal; may hold NULs via _N). */
#define STR_EQ(exp, name, ...)                                                                 \
	do {                                                                                       \
		hv r_;                                                                                 \
		ck_assert_msg(fcall(name, ARGS(__VA_ARGS__), &r_), "%s failed: %s", name,              \
		              hbuf_cstr(&MSG));                                                        \
		ck_assert_int_eq(r_.type, HT_STRING);                                                  \
		ck_assert_msg(r_.s->len == sizeof(exp) - 1 && memcmp(r_.s->data, exp, r_.s->len) == 0, \
		              "%s: got [%.*s] want [%s]", name, (int)r_.s->len, r_.s->data, exp);       \
	} while (0)

#define ERR_EQ(exp, name, ...)                                                       \
	do {                                                                             \
		hv r_;                                                                       \
		ck_assert_msg(!fcall(name, ARGS(__VA_ARGS__), &r_), "%s did not fail", name); \
		ck_assert_str_eq(hbuf_cstr(&MSG), exp);                                      \
	} while (0)

/* Joins a string list result with '|' for compact checks. */
static inline const char *joined(const hv *r)
{
	static char buf[4096];
	size_t k = 0;
	buf[0] = 0;
	for (size_t i = 0; i < r->l->len && k < sizeof buf - 64; i++) {
		const hv *e = &r->l->v[i];
		if (i)
			buf[k++] = '|';
		if (e->type == HT_STRING) {
			size_t n = e->s->len < 1000 ? e->s->len : 1000;
			memcpy(buf + k, e->s->data, n);
			k += n;
		} else {
			k += (size_t)snprintf(buf + k, 64, "%lld", (long long)e->i);
		}
		buf[k] = 0;
	}
	return buf;
}

#endif
