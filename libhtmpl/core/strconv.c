/* strconv.c - Go's strconv as templates see it (src/strconv/ftoa.go, atoi.go, atof.go,
 * quote.go): FormatFloat in every format with Go's shortest round-trip digits, integer and
 * float parsing with Go's literal syntax, and Quote / QuoteRune / Unquote.
 *
 * Floats are converted exactly: the binary value mant*2^e is expanded into all of its
 * decimal digits with a small bignum (mant*2^e, or mant*5^-e shifted by -e decimal places),
 * and every rounding works on those digits. That gives the same digits as Go's Ryu and
 * multiprecision paths, which are both exact. libc printf is never used for floats. */
#include "core/strconv.h"

#include "core/codec.h"
#include "core/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ exact decimals */

/* A positive decimal 0.d[0]d[1]...d[nd-1] * 10^dp with no leading or trailing zeros;
 * nd == 0 is zero. 800 digits hold any float64 exactly (at most 767 significant). */
typedef struct dec {
	char d[800];
	int nd, dp;
} dec;

/* Little-endian base 2^32 bignum, large enough for 2^1077 * 5^1075 < 2^3576. */
#define BIG_LIMBS 120
typedef struct big {
	uint32_t w[BIG_LIMBS];
	int n;
} big;

static void big_set(big *b, uint64_t v)
{
	b->n = 0;
	while (v) {
		b->w[b->n++] = (uint32_t)v;
		v >>= 32;
	}
}

static void big_mul_small(big *b, uint32_t m)
{
	uint64_t carry = 0;
	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->w[i] * m + carry;
		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry && b->n < BIG_LIMBS)
		b->w[b->n++] = (uint32_t)carry;
}

static void big_shl(big *b, int k)
{
	int words = k / 32, bits = k % 32;
	if (b->n == 0)
		return;
	if (b->n + words + 1 > BIG_LIMBS)
		return; /* cannot happen for float64 inputs */
	if (bits) {
		uint32_t carry = 0;
		for (int i = 0; i < b->n; i++) {
			uint32_t w = b->w[i];
			b->w[i] = (w << bits) | carry;
			carry = w >> (32 - bits);
		}
		if (carry)
			b->w[b->n++] = carry;
	}
	if (words) {
		memmove(b->w + words, b->w, (size_t)b->n * sizeof *b->w);
		memset(b->w, 0, (size_t)words * sizeof *b->w);
		b->n += words;
	}
}

/* Divides by 10^9 in place and returns the remainder. */
static uint32_t big_divmod_1e9(big *b)
{
	uint64_t rem = 0;
	for (int i = b->n - 1; i >= 0; i--) {
		uint64_t cur = (rem << 32) | b->w[i];
		b->w[i] = (uint32_t)(cur / 1000000000u);
		rem = cur % 1000000000u;
	}
	while (b->n > 0 && b->w[b->n - 1] == 0)
		b->n--;
	return (uint32_t)rem;
}

static void dec_trim(dec *a)
{
	while (a->nd > 0 && a->d[a->nd - 1] == '0')
		a->nd--;
	if (a->nd == 0)
		a->dp = 0;
}

/* a = v * 2^e2 exactly. */
static void dec_exact(dec *a, uint64_t v, int e2)
{
	big b;
	/* Trailing zero bits only lengthen the expansion: 1.5 = 3*2^-1 needs two digits. */
	while (v != 0 && (v & 1) == 0 && e2 < 0) {
		v >>= 1;
		e2++;
	}
	big_set(&b, v);
	int shift10 = 0; /* the result is b / 10^shift10 */
	if (e2 >= 0) {
		big_shl(&b, e2);
	} else {
		/* v * 2^e2 = v * 5^-e2 / 10^-e2 */
		int k = -e2;
		while (k >= 13) {
			big_mul_small(&b, 1220703125u); /* 5^13 */
			k -= 13;
		}
		uint32_t p = 1;
		while (k-- > 0)
			p *= 5;
		big_mul_small(&b, p);
		shift10 = -e2;
	}
	/* Digits come out nine at a time, least significant first. */
	char tmp[1100];
	int n = 0;
	while (b.n > 0 && n + 9 <= (int)sizeof tmp) {
		uint32_t r = big_divmod_1e9(&b);
		for (int i = 0; i < 9; i++) {
			tmp[n++] = (char)('0' + r % 10);
			r /= 10;
		}
	}
	while (n > 0 && tmp[n - 1] == '0')
		n--;
	a->nd = 0;
	for (int i = n - 1; i >= 0 && a->nd < (int)sizeof a->d; i--)
		a->d[a->nd++] = tmp[i];
	a->dp = n - shift10;
	dec_trim(a);
}

/* Keeps the first nd digits (nd may be 0: the value then becomes 0). */
static void dec_round_down(dec *a, int nd)
{
	if (nd < 0 || nd >= a->nd)
		return;
	a->nd = nd;
	dec_trim(a);
}

/* Truncates to nd digits and adds one unit in the last place. */
static void dec_round_up(dec *a, int nd)
{
	if (nd < 0 || nd >= a->nd)
		return;
	for (int i = nd - 1; i >= 0; i--) {
		if (a->d[i] < '9') {
			a->d[i]++;
			a->nd = i + 1;
			return;
		}
	}
	/* all nines (or nd == 0): the result is one unit at the next power of ten */
	a->d[0] = '1';
	a->nd = 1;
	a->dp++;
}

/* Round half to even at nd digits; a position before the first digit counts as even. */
static void dec_round(dec *a, int nd)
{
	if (nd < 0 || nd >= a->nd)
		return;
	bool up;
	if (a->d[nd] == '5' && nd + 1 == a->nd)
		up = nd > 0 && (a->d[nd - 1] - '0') % 2 == 1;
	else
		up = a->d[nd] >= '5';
	if (up)
		dec_round_up(a, nd);
	else
		dec_round_down(a, nd);
}

/* Compares the decimal 0.a[0..an) * 10^adp (a[0] != '0' unless an == 0; trailing zeros
 * allowed) with the normalised b: <0, 0, >0. */
static int cmp_digits(const char *a, int an, int adp, const dec *b)
{
	while (an > 0 && a[an - 1] == '0')
		an--;
	if (an == 0 || b->nd == 0)
		return (an != 0) - (b->nd != 0);
	if (adp != b->dp)
		return adp < b->dp ? -1 : 1;
	int n = an > b->nd ? an : b->nd;
	for (int i = 0; i < n; i++) {
		char x = i < an ? a[i] : '0', y = i < b->nd ? b->d[i] : '0';
		if (x != y)
			return x < y ? -1 : 1;
	}
	return 0;
}

/* Rounds d (= mant * 2^e2, a normal or subnormal float64) to the fewest digits that still
 * read back as the same float64, picking the nearest such string (ftoa.go roundShortest).
 * Candidates at n digits are d truncated and d rounded up; the bounds are the midpoints to
 * the neighbouring floats, inclusive when mant is even (round-half-even on input). A
 * float64 never needs more than 17 digits, so the candidates stay short. */
static void dec_shortest(dec *d, uint64_t mant, int e2)
{
	if (mant == 0) {
		d->nd = 0;
		d->dp = 0;
		return;
	}
	const int minexp = -1074; /* e2 of subnormals */
	/* Already shortest when the next shorter decimal is farther away than the float spacing:
	 * 10^(dp-nd) > 2^e2, checked as 332*(dp-nd) >= 100*e2. */
	if (e2 > minexp && 332 * (d->dp - d->nd) >= 100 * e2)
		return;
	dec upper, lower;
	dec_exact(&upper, mant * 2 + 1, e2 - 1);
	uint64_t mlo;
	int elo;
	if (mant > (1ull << 52) || e2 == minexp) {
		mlo = mant - 1;
		elo = e2;
	} else { /* a power of two: the float below is twice as close */
		mlo = mant * 2 - 1;
		elo = e2 - 1;
	}
	dec_exact(&lower, mlo * 2 + 1, elo - 1);
	bool incl = mant % 2 == 0;
	char up[40];
	for (int n = 0; n < d->nd && n < 32; n++) {
		int c = cmp_digits(d->d, n, d->dp, &lower);
		bool okdown = c > 0 || (incl && c == 0);
		/* d's first n digits plus one unit in the last place */
		int un = n, udp = d->dp;
		memcpy(up, d->d, (size_t)n);
		while (un > 0 && up[un - 1] == '9')
			un--;
		if (un == 0) {
			up[0] = '1';
			un = 1;
			udp++;
		} else {
			up[un - 1]++;
		}
		c = cmp_digits(up, un, udp, &upper);
		bool okup = c < 0 || (incl && c == 0);
		if (okdown && okup) {
			dec_round(d, n);
			return;
		}
		if (okdown) {
			dec_round_down(d, n);
			return;
		}
		if (okup) {
			dec_round_up(d, n);
			return;
		}
	}
}

/* ------------------------------------------------------------------ formatting */

static const char lowerhex[] = "0123456789abcdef";
static const char upperhex[] = "0123456789ABCDEF";

static void put_exp10(hbuf *b, char ch, int exp)
{
	char t[8];
	int n = 0;
	hbuf_putc(b, ch);
	hbuf_putc(b, exp < 0 ? '-' : '+');
	if (exp < 0)
		exp = -exp;
	if (exp < 10)
		t[n++] = '0';
	char r[8];
	int m = 0;
	do {
		r[m++] = (char)('0' + exp % 10);
		exp /= 10;
	} while (exp);
	while (m)
		t[n++] = r[--m];
	hbuf_put(b, t, (size_t)n);
}

/* -d.dddde±dd with prec digits after the point */
static void fmt_e(hbuf *b, bool neg, const dec *d, int prec, char ech)
{
	if (neg)
		hbuf_putc(b, '-');
	hbuf_putc(b, d->nd ? d->d[0] : '0');
	if (prec > 0) {
		hbuf_putc(b, '.');
		int have = d->nd - 1;
		if (have > prec)
			have = prec;
		if (have > 0)
			hbuf_put(b, d->d + 1, (size_t)have);
		if (prec > (have > 0 ? have : 0))
			hbuf_putn(b, '0', (size_t)(prec - (have > 0 ? have : 0)));
	}
	put_exp10(b, ech, d->nd == 0 ? 0 : d->dp - 1);
}

/* -ddd.ddd with prec digits after the point */
static void fmt_f(hbuf *b, bool neg, const dec *d, int prec)
{
	if (neg)
		hbuf_putc(b, '-');
	if (d->dp > 0) {
		int m = d->nd < d->dp ? d->nd : d->dp;
		hbuf_put(b, d->d, (size_t)m);
		if (d->dp > m)
			hbuf_putn(b, '0', (size_t)(d->dp - m));
	} else {
		hbuf_putc(b, '0');
	}
	if (prec > 0) {
		hbuf_putc(b, '.');
		for (int i = 0; i < prec; i++) {
			int j = d->dp + i;
			hbuf_putc(b, j >= 0 && j < d->nd ? d->d[j] : '0');
		}
	}
}

/* -mantissa p ±exp, binary exponent (ftoa.go fmtB) */
static void fmt_b(hbuf *b, bool neg, uint64_t mant, int e2)
{
	if (neg)
		hbuf_putc(b, '-');
	hstrconv_format_uint(b, mant, 10);
	hbuf_putc(b, 'p');
	if (e2 >= 0)
		hbuf_putc(b, '+');
	hstrconv_format_int(b, e2, 10);
}

/* -0x1.hhhhp±dd (ftoa.go fmtX): the leading 1 sits at bit 60, rounding half to even. */
static void fmt_x(hbuf *b, int prec, char fmt, bool neg, uint64_t mant, int e2)
{
	int exp = e2 + 52;
	if (mant == 0)
		exp = 0;
	mant <<= 8;
	while (mant != 0 && (mant & (1ull << 60)) == 0) {
		mant <<= 1;
		exp--;
	}
	if (prec >= 0 && prec < 15) {
		unsigned shift = (unsigned)prec * 4;
		uint64_t extra = (mant << shift) & ((1ull << 60) - 1);
		mant >>= 60 - shift;
		if ((extra | (mant & 1)) > (1ull << 59))
			mant++;
		mant <<= 60 - shift;
		if (mant & (1ull << 61)) {
			mant >>= 1;
			exp++;
		}
	}
	const char *hex = fmt == 'X' ? upperhex : lowerhex;
	if (neg)
		hbuf_putc(b, '-');
	hbuf_putc(b, '0');
	hbuf_putc(b, fmt);
	hbuf_putc(b, (char)('0' + ((mant >> 60) & 1)));
	mant <<= 4;
	if (prec < 0 && mant != 0) {
		hbuf_putc(b, '.');
		while (mant != 0) {
			hbuf_putc(b, hex[(mant >> 60) & 15]);
			mant <<= 4;
		}
	} else if (prec > 0) {
		hbuf_putc(b, '.');
		for (int i = 0; i < prec; i++) {
			hbuf_putc(b, hex[(mant >> 60) & 15]);
			mant <<= 4;
		}
	}
	hbuf_putc(b, fmt == 'X' ? 'P' : 'p');
	hbuf_putc(b, exp < 0 ? '-' : '+');
	if (exp < 0)
		exp = -exp;
	if (exp < 10)
		hbuf_putc(b, '0');
	hstrconv_format_int(b, exp, 10);
}

/* Shortest digits of an integer-valued |f| < 2^53: its own digits, trailing zeros dropped
 * (every shorter string is at least 1 away, and the spacing of floats here is <= 1). */
static bool small_int_digits(dec *d, double f)
{
	if (!(f >= 1 && f < 9007199254740992.0) || f != (double)(uint64_t)f)
		return false;
	uint64_t v = (uint64_t)f;
	char t[24];
	int n = 0;
	while (v) {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	}
	d->dp = n;
	d->nd = 0;
	while (n > 0)
		d->d[d->nd++] = t[--n];
	dec_trim(d);
	return true;
}

/* ftoa.go formatDigits for 'g'/'G' */
static void fmt_g(hbuf *b, bool neg, const dec *d, int prec, char fmt, bool shortest)
{
	int eprec = prec;
	if (eprec > d->nd && d->nd >= d->dp)
		eprec = d->nd;
	if (shortest)
		eprec = 6;
	int exp = d->dp - 1;
	if (exp < -4 || exp >= eprec) {
		if (prec > d->nd)
			prec = d->nd;
		fmt_e(b, neg, d, prec - 1, fmt == 'G' ? 'E' : 'e');
		return;
	}
	if (prec > d->dp)
		prec = d->nd;
	fmt_f(b, neg, d, prec - d->dp > 0 ? prec - d->dp : 0);
}

void hstrconv_format_float(hbuf *b, double f, char fmt, int prec)
{
	uint64_t bits;
	memcpy(&bits, &f, sizeof bits);
	bool neg = bits >> 63;
	int exp = (int)((bits >> 52) & 0x7FF);
	uint64_t mant = bits & ((1ull << 52) - 1);
	if (exp == 0x7FF) {
		hbuf_puts(b, mant ? "NaN" : neg ? "-Inf" : "+Inf");
		return;
	}
	if (exp == 0)
		exp = 1; /* subnormal */
	else
		mant |= 1ull << 52;
	int e2 = exp - 1075; /* value = mant * 2^e2 */
	if (fmt == 'b') {
		fmt_b(b, neg, mant, e2);
		return;
	}
	if (fmt == 'x' || fmt == 'X') {
		fmt_x(b, prec, fmt, neg, mant, e2);
		return;
	}
	if (fmt != 'e' && fmt != 'E' && fmt != 'f' && fmt != 'g' && fmt != 'G') {
		hbuf_putc(b, '%');
		hbuf_putc(b, fmt);
		return;
	}
	dec d;
	bool shortest = prec < 0;
	if (!shortest || !small_int_digits(&d, neg ? -f : f)) {
		dec_exact(&d, mant, e2);
		if (shortest)
			dec_shortest(&d, mant, e2);
	}
	if (shortest) {
		if (fmt == 'e' || fmt == 'E')
			prec = d.nd > 0 ? d.nd - 1 : 0;
		else if (fmt == 'f')
			prec = d.nd - d.dp > 0 ? d.nd - d.dp : 0;
		else
			prec = d.nd;
	} else if (fmt == 'e' || fmt == 'E') {
		dec_round(&d, prec + 1);
	} else if (fmt == 'f') {
		dec_round(&d, d.dp + prec);
	} else {
		if (prec == 0)
			prec = 1;
		dec_round(&d, prec);
	}
	if (fmt == 'e' || fmt == 'E')
		fmt_e(b, neg, &d, prec, fmt);
	else if (fmt == 'f')
		fmt_f(b, neg, &d, prec);
	else
		fmt_g(b, neg, &d, prec, fmt, shortest);
}

void hstrconv_format_uint(hbuf *b, uint64_t u, int base)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	if (base < 2 || base > 36)
		base = 10;
	char t[65];
	int n = (int)sizeof t;
	if (base == 10) { /* the common case, with a constant divisor */
		do {
			t[--n] = (char)('0' + u % 10);
			u /= 10;
		} while (u);
		hbuf_put(b, t + n, sizeof t - (size_t)n);
		return;
	}
	do {
		t[--n] = digits[u % (unsigned)base];
		u /= (unsigned)base;
	} while (u);
	hbuf_put(b, t + n, sizeof t - (size_t)n);
}

void hstrconv_format_int(hbuf *b, int64_t i, int base)
{
	if (i < 0) {
		hbuf_putc(b, '-');
		hstrconv_format_uint(b, -(uint64_t)i, base);
	} else {
		hstrconv_format_uint(b, (uint64_t)i, base);
	}
}

/* ------------------------------------------------------------------ parsing */

static char lower(char c) { return (char)(c | ('x' - 'X')); }

/* atoi.go underscoreOK: '_' only between digits (a base prefix counts as a digit). */
static bool underscore_ok(const char *s, size_t n)
{
	char saw = '^';
	size_t i = 0;
	if (n >= 1 && (s[0] == '-' || s[0] == '+')) {
		s++;
		n--;
	}
	bool hex = false;
	if (n >= 2 && s[0] == '0' && (lower(s[1]) == 'b' || lower(s[1]) == 'o' || lower(s[1]) == 'x')) {
		i = 2;
		saw = '0';
		hex = lower(s[1]) == 'x';
	}
	for (; i < n; i++) {
		char c = s[i];
		if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
			saw = '0';
			continue;
		}
		if (c == '_') {
			if (saw != '0')
				return false;
			saw = '_';
			continue;
		}
		if (saw == '_')
			return false;
		saw = '!';
	}
	return saw != '_';
}

int hstrconv_parse_uint(const char *s, size_t n, int base, uint64_t *out)
{
	*out = 0;
	if (n == 0)
		return EINVAL;
	const char *s0 = s;
	size_t n0 = n;
	bool base0 = base == 0;
	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			if (n >= 3 && lower(s[1]) == 'b')
				base = 2, s += 2, n -= 2;
			else if (n >= 3 && lower(s[1]) == 'o')
				base = 8, s += 2, n -= 2;
			else if (n >= 3 && lower(s[1]) == 'x')
				base = 16, s += 2, n -= 2;
			else
				base = 8, s += 1, n -= 1;
		}
	} else if (base < 2 || base > 36) {
		return EINVAL;
	}
	uint64_t cutoff = UINT64_MAX / (uint64_t)base + 1, v = 0;
	bool underscores = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d;
		if (c == '_' && base0) {
			underscores = true;
			continue;
		} else if (c >= '0' && c <= '9') {
			d = c - '0';
		} else if (lower(c) >= 'a' && lower(c) <= 'z') {
			d = lower(c) - 'a' + 10;
		} else {
			return EINVAL;
		}
		if (d >= base)
			return EINVAL;
		if (v >= cutoff) {
			*out = UINT64_MAX;
			return ERANGE;
		}
		v *= (uint64_t)base;
		uint64_t v1 = v + (uint64_t)d;
		if (v1 < v) {
			*out = UINT64_MAX;
			return ERANGE;
		}
		v = v1;
	}
	if (underscores && !underscore_ok(s0, n0))
		return EINVAL;
	*out = v;
	return 0;
}

int hstrconv_parse_int(const char *s, size_t n, int base, int64_t *out)
{
	*out = 0;
	if (n == 0)
		return EINVAL;
	bool neg = false;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		s++;
		n--;
	}
	uint64_t u;
	int rc = hstrconv_parse_uint(s, n, base, &u);
	if (rc != 0 && rc != ERANGE)
		return rc;
	const uint64_t cutoff = 1ull << 63;
	if (!neg && u >= cutoff) {
		*out = INT64_MAX;
		return ERANGE;
	}
	if (neg && u > cutoff) {
		*out = INT64_MIN;
		return ERANGE;
	}
	*out = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 0;
}

/* atof.go special: [+-]inf, [+-]infinity, nan (any case). Returns bytes consumed or 0. */
static size_t special_float(const char *s, size_t n, double *out)
{
	size_t i = 0;
	double sign = 1;
	if (n == 0)
		return 0;
	if (s[0] == 'n' || s[0] == 'N') {
		if (n >= 3 && lower(s[1]) == 'a' && lower(s[2]) == 'n') {
			*out = NAN;
			return 3;
		}
		return 0;
	}
	if (s[0] == '+' || s[0] == '-') {
		sign = s[0] == '-' ? -1 : 1;
		i = 1;
	}
	static const char inf[] = "infinity";
	size_t k = 0;
	while (k < 8 && i + k < n && lower(s[i + k]) == inf[k])
		k++;
	if (k > 3 && k < 8)
		k = 3;
	if (k != 3 && k != 8)
		return 0;
	*out = sign * INFINITY;
	return i + k;
}

/* Checks Go's float literal syntax (atof.go readFloat) and copies the number without
 * underscores into t for strtod. Returns false on a syntax error. */
static bool read_float(const char *s, size_t n, char *t, size_t tcap)
{
	size_t i = 0, o = 0;
	bool underscores = false, hex = false, sawdot = false, sawdigits = false;
#define PUT(c) do { if (o + 1 >= tcap) return false; t[o++] = (c); } while (0)
	if (i < n && (s[i] == '+' || s[i] == '-'))
		PUT(s[i++]);
	if (i + 2 < n && s[i] == '0' && lower(s[i + 1]) == 'x') {
		hex = true;
		PUT('0');
		PUT('x');
		i += 2;
	}
	for (; i < n; i++) {
		char c = s[i];
		if (c == '_') {
			underscores = true;
		} else if (c == '.') {
			if (sawdot)
				break;
			sawdot = true;
			PUT(c);
		} else if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
			sawdigits = true;
			PUT(c);
		} else {
			break;
		}
	}
	if (!sawdigits)
		return false;
	char expch = hex ? 'p' : 'e';
	if (i < n && lower(s[i]) == expch) {
		PUT(expch);
		i++;
		if (i >= n)
			return false;
		if (s[i] == '+' || s[i] == '-')
			PUT(s[i++]);
		if (i >= n || s[i] < '0' || s[i] > '9')
			return false;
		int digits = 0;
		for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++) {
			if (s[i] == '_') {
				underscores = true;
				continue;
			}
			/* Go caps the exponent at 10000; keep strtod's input short the same way. */
			if (digits == 0 && s[i] == '0')
				continue;
			if (digits < 6)
				PUT(s[i]);
			else
				memset(t + o - 6, '9', 6); /* saturate, as Go caps it */
			digits++;
		}
		if (digits == 0)
			PUT('0');
	} else if (hex) {
		return false; /* a hex mantissa needs a 'p' exponent */
	}
#undef PUT
	if (i != n)
		return false;
	if (underscores && !underscore_ok(s, n))
		return false;
	t[o] = 0;
	return true;
}

int hstrconv_parse_float(const char *s, size_t n, double *out)
{
	*out = 0;
	size_t k = special_float(s, n, out);
	if (k)
		return k == n ? 0 : (*out = 0, EINVAL);
	char stack[256];
	char *t = n + 16 <= sizeof stack ? stack : malloc(n + 16);
	if (!t)
		return ENOMEM;
	int rc = 0;
	if (!read_float(s, n, t, n + 16)) {
		rc = EINVAL;
	} else {
		errno = 0;
		double v = strtod(t, NULL);
		if (isinf(v)) {
			rc = ERANGE;
		} else if (errno == ERANGE) {
			rc = 0; /* underflow: Go returns the rounded (possibly zero) value */
		}
		*out = v;
	}
	if (t != stack)
		free(t);
	return rc;
}

/* ------------------------------------------------------------------ quoting */

/* quote.go appendEscapedRune */
static void escape_rune(hbuf *b, int32_t r, char quote, bool ascii_only)
{
	char tmp[4];
	if (r == quote || r == '\\') {
		hbuf_putc(b, '\\');
		hbuf_putc(b, (char)r);
		return;
	}
	if (ascii_only ? (r < 0x80 && hutf8_is_print(r)) : hutf8_is_print(r)) {
		hbuf_put(b, tmp, hutf8_encode(r, tmp));
		return;
	}
	switch (r) {
	case '\a': hbuf_puts(b, "\\a"); return;
	case '\b': hbuf_puts(b, "\\b"); return;
	case '\f': hbuf_puts(b, "\\f"); return;
	case '\n': hbuf_puts(b, "\\n"); return;
	case '\r': hbuf_puts(b, "\\r"); return;
	case '\t': hbuf_puts(b, "\\t"); return;
	case '\v': hbuf_puts(b, "\\v"); return;
	}
	if (r < ' ' || r == 0x7F) {
		hbuf_puts(b, "\\x");
		hbuf_putc(b, lowerhex[(r >> 4) & 15]);
		hbuf_putc(b, lowerhex[r & 15]);
		return;
	}
	if (!hutf8_valid_rune(r))
		r = HUTF8_ERROR;
	int digits = r < 0x10000 ? 4 : 8;
	hbuf_puts(b, digits == 4 ? "\\u" : "\\U");
	for (int s = (digits - 1) * 4; s >= 0; s -= 4)
		hbuf_putc(b, lowerhex[(r >> s) & 15]);
}

void hstrconv_quote(hbuf *b, const char *s, size_t n, bool ascii_only)
{
	hbuf_putc(b, '"');
	size_t i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		/* fast path: printable ASCII that needs no escape */
		size_t j = i;
		while (j < n && (unsigned char)s[j] >= 0x20 && (unsigned char)s[j] < 0x7F &&
		       s[j] != '"' && s[j] != '\\')
			j++;
		if (j > i) {
			hbuf_put(b, s + i, j - i);
			i = j;
			continue;
		}
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		if (w == 1 && r == HUTF8_ERROR) {
			hbuf_puts(b, "\\x");
			hbuf_putc(b, lowerhex[c >> 4]);
			hbuf_putc(b, lowerhex[c & 15]);
		} else {
			escape_rune(b, r, '"', ascii_only);
		}
		i += w;
	}
	hbuf_putc(b, '"');
}

void hstrconv_quote_rune(hbuf *b, int32_t r, bool ascii_only)
{
	if (!hutf8_valid_rune(r))
		r = HUTF8_ERROR;
	hbuf_putc(b, '\'');
	escape_rune(b, r, '\'', ascii_only);
	hbuf_putc(b, '\'');
}

/* Reads the hex digits of \x, \u or \U. */
static bool read_hex(const char *s, size_t n, size_t k, int32_t *v)
{
	if (n < k)
		return false;
	uint32_t x = 0;
	for (size_t j = 0; j < k; j++) {
		int h = hcodec_unhex((unsigned char)s[j]);
		if (h < 0)
			return false;
		x = (x << 4) | (uint32_t)h;
	}
	*v = (int32_t)x;
	return true;
}

/* The escape after a backslash; s points just past the backslash. */
static size_t unquote_escape(const char *s, size_t n, char quote, int32_t *rune, bool *mb)
{
	if (n == 0)
		return 0;
	char e = s[0];
	*mb = false;
	switch (e) {
	case 'a': *rune = '\a'; return 1;
	case 'b': *rune = '\b'; return 1;
	case 'f': *rune = '\f'; return 1;
	case 'n': *rune = '\n'; return 1;
	case 'r': *rune = '\r'; return 1;
	case 't': *rune = '\t'; return 1;
	case 'v': *rune = '\v'; return 1;
	case '\\': *rune = '\\'; return 1;
	case '\'': case '"':
		if (e != quote)
			return 0;
		*rune = e;
		return 1;
	case 'x': /* one raw byte, possibly not UTF-8 */
		return read_hex(s + 1, n - 1, 2, rune) ? 3 : 0;
	case 'u': case 'U': {
		size_t k = e == 'u' ? 4 : 8;
		if (!read_hex(s + 1, n - 1, k, rune) || !hutf8_valid_rune(*rune))
			return 0;
		*mb = true;
		return k + 1;
	}
	case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
		int32_t v = e - '0';
		if (n < 3)
			return 0;
		for (int j = 1; j <= 2; j++) {
			int d = s[j] - '0';
			if (d < 0 || d > 7)
				return 0;
			v = (v << 3) | d;
		}
		if (v > 255)
			return 0;
		*rune = v;
		return 3;
	}
	default:
		return 0;
	}
}

size_t hstrconv_unquote_char(const char *s, size_t n, char quote, int32_t *rune, bool *multibyte)
{
	*rune = 0;
	*multibyte = false;
	if (n == 0)
		return 0;
	unsigned char c = (unsigned char)s[0];
	if (c == (unsigned char)quote && (quote == '\'' || quote == '"'))
		return 0;
	if (c >= 0x80) {
		*multibyte = true;
		return hutf8_decode(s, n, rune); /* bad bytes are U+FFFD */
	}
	if (c != '\\') {
		*rune = c;
		return 1;
	}
	size_t w = unquote_escape(s + 1, n - 1, quote, rune, multibyte);
	return w ? w + 1 : 0;
}

/* One character or escape of s[*i..n) appended to out; false on a syntax error. */
static bool unquote_char(const char *s, size_t n, size_t *i, char quote, hbuf *out)
{
	int32_t r;
	bool mb;
	size_t w = hstrconv_unquote_char(s + *i, n - *i, quote, &r, &mb);
	if (w == 0)
		return false;
	if (r < 0x80 || !mb) {
		hbuf_putc(out, (char)r);
	} else {
		char tmp[4];
		hbuf_put(out, tmp, hutf8_encode(r, tmp));
	}
	*i += w;
	return true;
}

bool hstrconv_unquote(const char *s, size_t n, hbuf *out)
{
	if (n < 2 || s[0] != s[n - 1])
		return false;
	char quote = s[0];
	const char *in = s + 1;
	size_t m = n - 2;
	if (quote == '`') {
		if (memchr(in, '`', m))
			return false;
		for (const char *e = in + m; in < e;) { /* raw strings drop carriage returns */
			const char *cr = memchr(in, '\r', (size_t)(e - in));
			size_t k = cr ? (size_t)(cr - in) : (size_t)(e - in);
			hbuf_put(out, in, k);
			in += k + (cr != NULL);
		}
		return true;
	}
	if (quote != '"' && quote != '\'')
		return false;
	if (!memchr(in, '\\', m) && !memchr(in, '\n', m)) {
		bool ok;
		if (quote == '"') {
			ok = hutf8_valid(in, m) && !memchr(in, '"', m);
		} else {
			int32_t r;
			size_t w = hutf8_decode(in, m, &r);
			/* Go quirk: '' passes this check and unquotes to "" */
			ok = w == m && (r != HUTF8_ERROR || w != 1) && (m == 0 || in[0] != '\'');
		}
		if (ok) {
			hbuf_put(out, in, m);
			return true;
		}
	}
	size_t i = 0;
	size_t start = out->len;
	while (i < m) {
		if (in[i] == '\n' || !unquote_char(in, m, &i, quote, out)) {
			out->len = start;
			return false;
		}
		if (quote == '\'')
			break;
	}
	if (i != m || (quote == '\'' && out->len == start)) {
		out->len = start;
		return false;
	}
	return true;
}
