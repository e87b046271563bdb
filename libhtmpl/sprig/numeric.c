/* fn_numeric.c - Sprig v3.3.0's math and conversions (numeric.go, the arithmetic entries of
 * functions.go genericMap) over spf13/cast v1.7.0 and shopspring/decimal v1.4.0.
 *
 * - Integer math converts each argument with cast.ToInt64 (errors give 0) and returns int64,
 *   wrapping on overflow like Go. `div`/`mod` by zero fail with Go's runtime panic text.
 * - Float math (addf, subf, mulf, divf, add1f) converts with cast.ToFloat64, then turns each
 *   float64 into the shortest decimal that round-trips (decimal.NewFromFloat), computes exactly
 *   in decimal (division rounds half away from zero at 16 places, decimal.DivisionPrecision) and
 *   converts back to the nearest float64: `addf 1.1 2.2` is 3.3, not 3.3000000000000003. The
 *   coefficients are OpenSSL BIGNUMs.
 * - int/int64 of a string: ParseInt(trimZeroDecimal(s), base 0): "010" is 8, "5.0" is 5.
 * - until/untilStep/seq build Go's []int; their length is bounded by HTMPL_LIMIT_LIST_ITEMS
 *   (Go would try to allocate until it runs out of memory). */
#include "sprig/sprig.h"
#include "value/fmt.h"
#include "value/env.h"
#include "core/strconv.h"

#include <errno.h>
#include <math.h>
#include <openssl/bn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ cast */

/* Go's float64 -> int64 conversion as amd64 does it: out of range and NaN give MinInt64. */
static int64_t f2i(double f)
{
	if (!(f >= -9223372036854775808.0 && f < 9223372036854775808.0))
		return INT64_MIN;
	return (int64_t)f;
}

/* cast's trimZeroDecimal: "5.0" -> "5", "5.00" -> "5", "5." and "5.1" unchanged. */
static size_t trim_zero_decimal(const char *s, size_t n)
{
	bool zero = false;
	for (size_t i = n; i > 0; i--) {
		char ch = s[i - 1];
		if (ch == '.') {
			if (zero)
				return i - 1;
		} else if (ch == '0') {
			zero = true;
		} else {
			return n;
		}
	}
	return n;
}

/* cast.ToInt64 (and ToInt: the same rules for a 64-bit int). */
static int64_t to_int64(const hv *v)
{
	switch (v->type) {
	case HT_INT:
	case HT_INT64:
	case HT_INT32:
		return v->i;
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64:
		return (int64_t)v->u;
	case HT_FLOAT64:
		return f2i(v->f);
	case HT_BOOL:
		return v->b;
	case HT_STRING: {
		int64_t r;
		size_t n = trim_zero_decimal(v->s->data, v->s->len);
		return hstrconv_parse_int(v->s->data, n, 0, &r) == 0 ? r : 0;
	}
	default:
		return 0;
	}
}

/* cast.ToFloat64 */
static double to_float64(const hv *v)
{
	switch (v->type) {
	case HT_INT:
	case HT_INT64:
	case HT_INT32:
		return (double)v->i;
	case HT_UINT8:
	case HT_UINT32:
	case HT_UINT64:
		return (double)v->u;
	case HT_FLOAT64:
		return v->f;
	case HT_BOOL:
		return v->b;
	case HT_STRING: {
		double r;
		return hstrconv_parse_float(v->s->data, v->s->len, &r) == 0 ? r : 0;
	}
	default:
		return 0;
	}
}

static bool fn_int(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_int(to_int64(&argv[0]));
	return true;
}

static bool fn_int64(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_int64(to_int64(&argv[0]));
	return true;
}

static bool fn_float64(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_float(to_float64(&argv[0]));
	return true;
}

/* strconv.Atoi, errors ignored: a range error still returns the clamped value
 * ("9223372036854775808" is MaxInt64), a syntax error 0 (golden gosem/atoi-range). */
static bool fn_atoi(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t r;
	int rc = hstrconv_parse_int(argv[0].s->data, argv[0].s->len, 10, &r);
	if (rc != 0 && rc != ERANGE)
		r = 0;
	*out = hv_int(r);
	return true;
}

/* toDecimal: ParseInt(fmt.Sprint(v), 8, 64), so a unix mode "0777" is 511. */
static bool fn_toDecimal(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	hfmt_value(&b, &argv[0]);
	int64_t r = 0;
	if (!hbuf_ok(&b) || hstrconv_parse_int(b.data ? b.data : "", b.len, 8, &r) != 0)
		r = 0;
	hbuf_free(&b);
	*out = hv_int64(r);
	return true;
}

/* ------------------------------------------------------------------ int64 math */

static int64_t wrap_add(int64_t a, int64_t b) { return (int64_t)((uint64_t)a + (uint64_t)b); }
static int64_t wrap_mul(int64_t a, int64_t b) { return (int64_t)((uint64_t)a * (uint64_t)b); }

static bool fn_add(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t a = 0;
	for (size_t i = 0; i < argc; i++)
		a = wrap_add(a, to_int64(&argv[i]));
	*out = hv_int64(a);
	return true;
}

static bool fn_add1(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_int64(wrap_add(to_int64(&argv[0]), 1));
	return true;
}

static bool fn_sub(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_int64((int64_t)((uint64_t)to_int64(&argv[0]) - (uint64_t)to_int64(&argv[1])));
	return true;
}

static bool fn_mul(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t a = to_int64(&argv[0]);
	for (size_t i = 1; i < argc; i++)
		a = wrap_mul(a, to_int64(&argv[i]));
	*out = hv_int64(a);
	return true;
}

/* Go: x / 0 panics; MinInt64 / -1 is MinInt64 (and % gives 0) without a panic. */
static bool divmod(hcall *c, const hv *argv, bool mod, hv *out)
{
	int64_t a = to_int64(&argv[0]), b = to_int64(&argv[1]);
	if (b == 0)
		return hcall_errorf(c, "runtime error: integer divide by zero");
	if (b == -1)
		*out = hv_int64(mod ? 0 : (int64_t)(0 - (uint64_t)a));
	else
		*out = hv_int64(mod ? a % b : a / b);
	return true;
}

static bool fn_div(hcall *c, size_t argc, const hv *argv, hv *out) { return divmod(c, argv, false, out); }
static bool fn_mod(hcall *c, size_t argc, const hv *argv, hv *out) { return divmod(c, argv, true, out); }

static bool fn_max(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t a = to_int64(&argv[0]);
	for (size_t i = 1; i < argc; i++) {
		int64_t b = to_int64(&argv[i]);
		if (b > a)
			a = b;
	}
	*out = hv_int64(a);
	return true;
}

static bool fn_min(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t a = to_int64(&argv[0]);
	for (size_t i = 1; i < argc; i++) {
		int64_t b = to_int64(&argv[i]);
		if (b < a)
			a = b;
	}
	*out = hv_int64(a);
	return true;
}

/* rand.Intn(max-min) + min; Intn panics unless its argument is positive. */
static bool fn_randInt(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t n = (int64_t)((uint64_t)argv[1].i - (uint64_t)argv[0].i);
	if (n <= 0)
		return hcall_errorf(c, "invalid argument to Intn");
	uint64_t lim = UINT64_MAX - UINT64_MAX % (uint64_t)n, x;
	do {
		if (!henv_random(c->env, &x, sizeof x))
			return hcall_errorf(c, "random source failed");
	} while (x >= lim);
	*out = hv_int(wrap_add((int64_t)(x % (uint64_t)n), argv[0].i));
	return true;
}

/* ------------------------------------------------------------------ float64 math */

/* math.Max / math.Min, with their NaN, infinity and signed-zero rules. */
static double go_max(double x, double y)
{
	if (isinf(x) && x > 0)
		return x;
	if (isinf(y) && y > 0)
		return y;
	if (isnan(x) || isnan(y))
		return NAN;
	if (x == 0 && x == y)
		return signbit(x) ? y : x;
	return x > y ? x : y;
}

static double go_min(double x, double y)
{
	if (isinf(x) && x < 0)
		return x;
	if (isinf(y) && y < 0)
		return y;
	if (isnan(x) || isnan(y))
		return NAN;
	if (x == 0 && x == y)
		return signbit(x) ? x : y;
	return x < y ? x : y;
}

static bool fn_maxf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	double a = to_float64(&argv[0]);
	for (size_t i = 1; i < argc; i++)
		a = go_max(a, to_float64(&argv[i]));
	*out = hv_float(a);
	return true;
}

static bool fn_minf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	double a = to_float64(&argv[0]);
	for (size_t i = 1; i < argc; i++)
		a = go_min(a, to_float64(&argv[i]));
	*out = hv_float(a);
	return true;
}

static bool fn_floor(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_float(floor(to_float64(&argv[0])));
	return true;
}

static bool fn_ceil(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_float(ceil(to_float64(&argv[0])));
	return true;
}

/* math.Pow(10, y) for an integral y as Go computes it (repeated squaring of the frexp
 * mantissa), so large exponents round like Go's, not like libm's. */
static double go_pow10(double y)
{
	if (y == 0)
		return 1;
	double yi = fabs(y);
	if (yi >= 9223372036854775808.0)
		return y > 0 ? INFINITY : 0;
	double a1 = 1;
	int ae = 0, xe;
	double x1 = frexp(10.0, &xe);
	for (int64_t i = (int64_t)yi; i != 0; i >>= 1) {
		if (xe < -(1 << 12) || (1 << 12) < xe) {
			ae += xe;
			break;
		}
		if (i & 1) {
			a1 *= x1;
			ae += xe;
		}
		x1 *= x1;
		xe <<= 1;
		if (x1 < .5) {
			x1 += x1;
			xe--;
		}
	}
	if (y < 0) {
		a1 = 1 / a1;
		ae = -ae;
	}
	return ldexp(a1, ae);
}

/* Sprig's round: the fraction of v*10^p (negative for negative v) decides ceil or floor, so
 * negative numbers always go down: round -2.4 0 is -3. */
static bool fn_round(hcall *c, size_t argc, const hv *argv, hv *out)
{
	double on = argc > 2 ? argv[2].f : .5;
	double val = to_float64(&argv[0]);
	double pow = go_pow10((double)argv[1].i);
	double digit = pow * val, ip;
	double frac = isinf(digit) ? NAN : modf(digit, &ip); /* Go's Modf(±Inf) has a NaN fraction */
	double r = frac >= on ? ceil(digit) : floor(digit);
	*out = hv_float(r / pow);
	return true;
}

/* ---- shopspring/decimal: value = co * 10^exp */

typedef struct decimal {
	BIGNUM *co;
	int64_t exp;
} decimal;

static void dec_free(decimal *d) { BN_free(d->co); }

/* 10^n into r. */
static bool bn_pow10(BIGNUM *r, int64_t n, BN_CTX *ctx)
{
	BIGNUM *ten = BN_new(), *e = BN_new();
	bool ok = ten && e && BN_set_word(ten, 10) && BN_set_word(e, (BN_ULONG)n) &&
	          BN_exp(r, ten, e, ctx);
	BN_free(ten);
	BN_free(e);
	return ok;
}

/* decimal.NewFromFloat: the shortest decimal that reads back as f. */
static bool dec_from_float(hcall *c, double f, decimal *d)
{
	d->co = BN_new();
	d->exp = 0;
	if (!d->co)
		return hcall_nomem(c);
	if (isnan(f) || isinf(f))
		return hcall_errorf(c, "Cannot create a Decimal from %s",
		                    isnan(f) ? "NaN" : f > 0 ? "+Inf" : "-Inf");
	if (f == 0)
		return true;
	hbuf b = HBUF_INIT;
	hstrconv_format_float(&b, f, 'e', -1);
	const char *s = hbuf_cstr(&b);
	char digits[40];
	size_t nd = 0;
	const char *p = s;
	bool neg = *p == '-';
	if (neg)
		p++;
	for (; *p && *p != 'e' && nd < sizeof digits - 1; p++)
		if (*p >= '0' && *p <= '9')
			digits[nd++] = *p;
	digits[nd] = 0;
	long e = *p == 'e' ? strtol(p + 1, NULL, 10) : 0;
	bool ok = hbuf_ok(&b) && nd > 0 && BN_dec2bn(&d->co, digits) > 0;
	hbuf_free(&b);
	if (!ok)
		return hcall_nomem(c);
	BN_set_negative(d->co, neg);
	d->exp = e - (int64_t)(nd - 1);
	return true;
}

/* Brings a and b to the smaller exponent. */
static bool dec_align(decimal *a, decimal *b, BN_CTX *ctx)
{
	decimal *hi = a->exp > b->exp ? a : b, *lo = hi == a ? b : a;
	if (hi->exp == lo->exp)
		return true;
	BIGNUM *p = BN_new();
	bool ok = p && bn_pow10(p, hi->exp - lo->exp, ctx) && BN_mul(hi->co, hi->co, p, ctx);
	BN_free(p);
	hi->exp = lo->exp;
	return ok;
}

/* Decimal.DivRound(b, 16): the exact quotient rounded half away from zero. */
static bool dec_div(decimal *a, const decimal *b, BN_CTX *ctx)
{
	BIGNUM *num = BN_dup(a->co), *den = BN_dup(b->co), *p = BN_new(), *q = BN_new(),
	       *r = BN_new();
	bool ok = num && den && p && q && r;
	int64_t shift = a->exp - b->exp + 16;
	if (ok && shift > 0)
		ok = bn_pow10(p, shift, ctx) && BN_mul(num, num, p, ctx);
	else if (ok && shift < 0)
		ok = bn_pow10(p, -shift, ctx) && BN_mul(den, den, p, ctx);
	bool neg = BN_is_negative(num) != BN_is_negative(den);
	if (ok) {
		BN_set_negative(num, 0);
		BN_set_negative(den, 0);
		ok = BN_div(q, r, num, den, ctx) && BN_lshift1(r, r);
	}
	if (ok && BN_cmp(r, den) >= 0)
		ok = BN_add_word(q, 1);
	if (ok) {
		BN_set_negative(q, neg);
		BN_free(a->co);
		a->co = q;
		q = NULL;
		a->exp = -16;
	}
	BN_free(num);
	BN_free(den);
	BN_free(p);
	BN_free(q);
	BN_free(r);
	return ok;
}

/* Decimal.Float64: the float64 nearest to the exact value (strtod rounds correctly). */
static double dec_to_float(const decimal *d)
{
	char *s = BN_bn2dec(d->co);
	if (!s)
		return 0;
	size_t n = strlen(s);
	char *t = malloc(n + 32);
	double f = 0;
	if (t) {
		snprintf(t, n + 32, "%sE%lld", s, (long long)d->exp);
		f = strtod(t, NULL);
		free(t);
	}
	OPENSSL_free(s);
	return f;
}

enum { OP_ADD, OP_SUB, OP_MUL, OP_DIV };

/* Sprig's execDecimalOp: folds op over first and rest in decimal. */
static bool decimal_op(hcall *c, double first, size_t n, const hv *rest, int op, hv *out)
{
	BN_CTX *ctx = BN_CTX_new();
	decimal acc = {0}, x = {0};
	bool ok = ctx && dec_from_float(c, first, &acc);
	for (size_t i = 0; ok && i < n; i++) {
		dec_free(&x);
		if (!(ok = dec_from_float(c, to_float64(&rest[i]), &x)))
			break;
		if (op == OP_DIV && BN_is_zero(x.co)) {
			ok = hcall_errorf(c, "decimal division by 0");
			break;
		}
		if (op == OP_ADD || op == OP_SUB) {
			if (op == OP_SUB)
				BN_set_negative(x.co, !BN_is_negative(x.co));
			ok = dec_align(&acc, &x, ctx) && BN_add(acc.co, acc.co, x.co);
		} else if (op == OP_MUL) {
			ok = BN_mul(acc.co, acc.co, x.co, ctx);
			acc.exp += x.exp;
		} else {
			ok = dec_div(&acc, &x, ctx);
		}
		if (!ok)
			hcall_nomem(c);
	}
	if (!ctx)
		hcall_nomem(c);
	if (ok)
		*out = hv_float(dec_to_float(&acc));
	dec_free(&acc);
	dec_free(&x);
	BN_CTX_free(ctx);
	return ok;
}

static bool fn_addf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return decimal_op(c, 0, argc, argv, OP_ADD, out);
}

static bool fn_add1f(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hv one = hv_int(1);
	return decimal_op(c, to_float64(&argv[0]), 1, &one, OP_ADD, out);
}

static bool fn_subf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return decimal_op(c, to_float64(&argv[0]), argc - 1, argv + 1, OP_SUB, out);
}

static bool fn_mulf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return decimal_op(c, to_float64(&argv[0]), argc - 1, argv + 1, OP_MUL, out);
}

static bool fn_divf(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return decimal_op(c, to_float64(&argv[0]), argc - 1, argv + 1, OP_DIV, out);
}

/* ------------------------------------------------------------------ sequences */

/* The number of items of Sprig's untilStep(start, stop, step) without iterating. */
static uint64_t until_count(int64_t start, int64_t stop, int64_t step)
{
	if (stop < start) {
		if (step >= 0)
			return 0;
		uint64_t span = (uint64_t)start - (uint64_t)stop, st = (uint64_t)0 - (uint64_t)step;
		return span / st + (span % st != 0);
	}
	if (step <= 0)
		return 0;
	uint64_t span = (uint64_t)stop - (uint64_t)start, st = (uint64_t)step;
	return span / st + (span % st != 0);
}

static hlist *until_list(hcall *c, int64_t start, int64_t stop, int64_t step)
{
	uint64_t n = until_count(start, stop, step);
	if (n > c->env->limits[HTMPL_LIMIT_LIST_ITEMS]) {
		hcall_errorf(c, "list of %llu items exceeds the limit", (unsigned long long)n);
		return NULL;
	}
	hlist *l = hlist_new(c->arena, (size_t)n);
	if (!l) {
		hcall_nomem(c);
		return NULL;
	}
	int64_t v = start;
	for (uint64_t i = 0; i < n; i++, v = wrap_add(v, step))
		if (!hlist_push(l, hv_int(v))) {
			hcall_nomem(c);
			return NULL;
		}
	return l;
}

static bool fn_until(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l = until_list(c, 0, argv[0].i, argv[0].i < 0 ? -1 : 1);
	if (!l)
		return false;
	*out = hv_of_list(HT_INTLIST, l);
	return true;
}

static bool fn_untilStep(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hlist *l = until_list(c, argv[0].i, argv[1].i, argv[2].i);
	if (!l)
		return false;
	*out = hv_of_list(HT_INTLIST, l);
	return true;
}

/* Sprig's seq: 1 to n, start to end, or start step end; the items joined with spaces. */
static bool fn_seq(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t start, end, step;
	if (argc == 1) {
		start = 1, end = argv[0].i;
		step = end < start ? -1 : 1;
	} else if (argc == 2) {
		start = argv[0].i, end = argv[1].i;
		step = end < start ? -1 : 1;
	} else if (argc == 3) {
		start = argv[0].i, step = argv[1].i, end = argv[2].i;
		if (end < start && step > 0)
			return htmpl_call_string(c, "", 0, out);
	} else {
		return htmpl_call_string(c, "", 0, out);
	}
	int64_t inc = end < start ? -1 : 1;
	hlist *l = until_list(c, start, wrap_add(end, inc), step);
	if (!l)
		return false;
	hbuf b = HBUF_INIT;
	for (size_t i = 0; i < l->len; i++) {
		if (i)
			hbuf_putc(&b, ' ');
		hbuf_printf(&b, "%lld", (long long)l->v[i].i);
	}
	bool ok = hbuf_ok(&b) && hv_string(c->arena, b.data ? b.data : "", b.len, out);
	hbuf_free(&b);
	return ok || hcall_nomem(c);
}

/* ------------------------------------------------------------------ registration */

static const hfunc_def defs[] = {
	{"int", fn_int, "v"},
	{"int64", fn_int64, "v"},
	{"float64", fn_float64, "v"},
	{"atoi", fn_atoi, "s"},
	{"toDecimal", fn_toDecimal, "v"},
	{"add", fn_add, "v*"},
	{"add1", fn_add1, "v"},
	{"sub", fn_sub, "vv"},
	{"mul", fn_mul, "vv*"},
	{"div", fn_div, "vv"},
	{"mod", fn_mod, "vv"},
	{"max", fn_max, "vv*"},
	{"biggest", fn_max, "vv*"},
	{"min", fn_min, "vv*"},
	{"randInt", fn_randInt, "ii"},
	{"addf", fn_addf, "v*"},
	{"add1f", fn_add1f, "v"},
	{"subf", fn_subf, "vv*"},
	{"mulf", fn_mulf, "vv*"},
	{"divf", fn_divf, "vv*"},
	{"maxf", fn_maxf, "vv*"},
	{"minf", fn_minf, "vv*"},
	{"floor", fn_floor, "v"},
	{"ceil", fn_ceil, "v"},
	{"round", fn_round, "vif*"},
	{"until", fn_until, "i"},
	{"untilStep", fn_untilStep, "iii"},
	{"seq", fn_seq, "i*"},
};

bool hsprig_numeric(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
