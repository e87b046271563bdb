/* env.c - the environment: function registry, clock, randomness and limits (funcs.h). */
#include "value/env.h"
#include "core/regexp.h"
#include "value/fmt.h"
#include "value/funcname.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

static hfunc *slot_for(const henv *env, const char *name, size_t len)
{
	size_t mask = env->cap - 1;
	for (size_t i = hv_hash_bytes(name, len) & mask;; i = (i + 1) & mask) {
		hfunc *f = &env->funcs[i];
		if (!f->name || (strlen(f->name) == len && memcmp(f->name, name, len) == 0))
			return f;
	}
}

const hfunc *henv_lookup(const henv *env, const char *name, size_t len)
{
	if (!env->cap)
		return NULL;
	hfunc *f = slot_for(env, name, len);
	return f->name ? f : NULL;
}

static bool grow(henv *env)
{
	size_t cap = env->cap ? env->cap * 2 : 512;
	hfunc *old = env->funcs;
	size_t oldcap = env->cap;
	env->funcs = calloc(cap, sizeof(hfunc));
	if (!env->funcs) {
		env->funcs = old;
		return false;
	}
	env->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].name)
			*slot_for(env, old[i].name, strlen(old[i].name)) = old[i];
	free(old);
	return true;
}

static bool parse_sig(const char *sig, hfunc *f)
{
	size_t n = strlen(sig);
	f->variadic = n > 0 && sig[n - 1] == '*';
	if (f->variadic)
		n--;
	if (n > 255 || (f->variadic && n == 0))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr("vsiIufbmltV", sig[i]))
			return false;
	f->nparams = (uint8_t)n;
	return true;
}

static bool add(henv *env, const char *name, htmpl_func fn, const char *sig, hbuiltin id,
                void *ud, herr *err)
{
	hfunc f = {.fn = fn, .builtin = (uint8_t)id, .userdata = ud};
	if (!parse_sig(sig, &f))
		return herr_set(err, HTMPL_ERR_USAGE, "bad signature %s for function %s", sig, name);
	if ((env->nfuncs + 1) * 2 > env->cap && !grow(env))
		return herr_nomem(err);
	f.name = harena_strdup(env->arena, name);
	f.sig = harena_strdup(env->arena, sig);
	if (!f.name || !f.sig)
		return herr_nomem(err);
	hfunc *s = slot_for(env, name, strlen(name));
	if (!s->name)
		env->nfuncs++;
	*s = f;
	return true;
}

bool henv_add_defs(henv *env, const hfunc_def *defs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!add(env, defs[i].name, defs[i].fn, defs[i].sig, HB_NONE, NULL, NULL))
			return false;
	return true;
}

bool henv_add_builtin(henv *env, const char *name, hbuiltin id, const char *sig)
{
	return add(env, name, NULL, sig, id, NULL, NULL);
}

bool htmpl_env_add_func(htmpl_env *env, const char *name, const char *sig, htmpl_func fn,
                        void *userdata, htmpl_error *err)
{
	if (!env || !name || !sig || !fn)
		return herr_set(err, HTMPL_ERR_USAGE, "htmpl_env_add_func: NULL argument");
	if (!hfuncname_check(name, err))
		return false;
	return add(env, name, fn, sig, HB_NONE, userdata, err);
}

static void real_clock(void *ud, int64_t *sec, int32_t *nsec)
{
	(void)ud;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = ts.tv_sec;
	*nsec = (int32_t)ts.tv_nsec;
}

static bool real_random(void *ud, void *buf, size_t n)
{
	(void)ud;
	for (size_t got = 0; got < n;) {
		ssize_t r = getrandom((char *)buf + got, n - got, 0);
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

static const uint64_t default_limits[HTMPL_LIMIT__COUNT] = {
	[HTMPL_LIMIT_INCLUDE_DEPTH] = 1000,
	[HTMPL_LIMIT_PARSE_DEPTH] = 10000,
	[HTMPL_LIMIT_OUTPUT_BYTES] = 1ull << 30,
	[HTMPL_LIMIT_MEMORY_BYTES] = 4ull << 30,
	[HTMPL_LIMIT_YAML_NODES] = 10000000,
	[HTMPL_LIMIT_LIST_ITEMS] = 10000000,
	[HTMPL_LIMIT_ARCHIVE_BYTES] = 1ull << 30,
	[HTMPL_LIMIT_ARCHIVE_ENTRIES] = 100000,
};

henv *henv_new_empty(void)
{
	henv *env = calloc(1, sizeof *env);
	if (!env || !(env->arena = harena_new())) {
		free(env);
		return NULL;
	}
	if (!(env->rx_cache = hrx_cache_new())) {
		htmpl_env_free(env);
		return NULL;
	}
	env->clock = real_clock;
	env->random = real_random;
	memcpy(env->limits, default_limits, sizeof default_limits);
	env->helm = 4;
	return env;
}

bool htmpl_env_set_helm_version(htmpl_env *env, int version)
{
	if (!env || (version != 3 && version != 4))
		return false;
	env->helm = version;
	return true;
}

int htmpl_env_get_helm_version(const htmpl_env *env) { return env ? env->helm : 4; }

void htmpl_env_free(htmpl_env *env)
{
	if (!env)
		return;
	free(env->funcs);
	hrx_cache_free(env->rx_cache);
	harena_free(env->arena);
	free(env);
}

void htmpl_env_set_clock(htmpl_env *env, htmpl_clock_fn fn, void *ud)
{
	env->clock = fn ? fn : real_clock;
	env->clock_ud = ud;
}

void htmpl_env_set_random(htmpl_env *env, htmpl_random_fn fn, void *ud)
{
	env->random = fn ? fn : real_random;
	env->random_ud = ud;
}

void htmpl_env_set_limit(htmpl_env *env, htmpl_limit which, uint64_t value)
{
	if (which < HTMPL_LIMIT__COUNT)
		env->limits[which] = value;
}

uint64_t htmpl_env_get_limit(const htmpl_env *env, htmpl_limit which)
{
	return which < HTMPL_LIMIT__COUNT ? env->limits[which] : 0;
}

void htmpl_env_set_jobs(htmpl_env *env, unsigned jobs)
{
	if (env)
		env->jobs = jobs;
}

unsigned htmpl_env_get_jobs(const htmpl_env *env) { return env ? env->jobs : 0; }

bool henv_random_fixed(const henv *env) { return env->random != real_random; }

void henv_now(const henv *env, int64_t *sec, int32_t *nsec) { env->clock(env->clock_ud, sec, nsec); }
bool henv_random(const henv *env, void *buf, size_t n) { return env->random(env->random_ud, buf, n); }

/* ------------------------------------------------------------------ call context */

bool hcall_errorn(hcall *c, const char *msg, size_t n)
{
	if (!c->failed) {
		c->failed = true;
		if (c->msg) {
			hbuf_reset(c->msg);
			hbuf_put(c->msg, msg, n);
		}
	}
	return false;
}

/* The one formatter behind hcall_errorf and the public htmpl_call_error: the first error
 * wins, and a message of any length is kept whole. */
static bool vcall_error(hcall *c, const char *fmt, va_list ap)
{
	if (c->failed)
		return false;
	c->failed = true;
	if (!c->msg)
		return false;
	hbuf_reset(c->msg);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n >= 0 && hbuf_grow(c->msg, (size_t)n)) {
		vsnprintf(c->msg->data, (size_t)n + 1, fmt, ap);
		c->msg->len = (size_t)n;
	}
	return false;
}

bool hcall_errorf(hcall *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vcall_error(c, fmt, ap);
	va_end(ap);
	return false;
}

bool hcall_nomem(hcall *c) { return hcall_errorf(c, "out of memory"); }

bool hcall_string_buf(hcall *c, hbuf *b, hv *out)
{
	if (b->deep) {
		hbuf_free(b);
		return hcall_errorf(c, "%s", HFMT_TOO_DEEP);
	}
	bool ok = hbuf_ok(b) && hv_string(c->arena, b->data ? b->data : "", b->len, out);
	hbuf_free(b);
	return ok || hcall_nomem(c);
}

bool htmpl_call_error(htmpl_call *call, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vcall_error(call, fmt, ap);
	va_end(ap);
	return false;
}

void *htmpl_call_userdata(const htmpl_call *call) { return call->fn ? call->fn->userdata : NULL; }

bool htmpl_call_string(htmpl_call *call, const char *s, size_t n, htmpl_value *out)
{
	return hv_string(call->arena, s, n, out) || hcall_nomem(call);
}

const char *htmpl_value_string(const htmpl_value *v, size_t *len)
{
	if (!v || v->type != HT_STRING)
		return NULL;
	if (len)
		*len = v->s->len;
	return v->s->data;
}
