/* multipleof.c - JSON Schema's multipleOf as both validators decide it (multipleof.h). */
#include "helm/multipleof.h"

#include "core/buf.h"
#include "core/strconv.h"

#include <math.h>
#include <stdlib.h>

/* d as mant * 10^exp from its shortest decimal form (what json.Number holds). */
static bool to_decimal(bool *oom, double d, __int128 *mant, int *exp)
{
	hbuf b = HBUF_INIT;
	hstrconv_format_float(&b, fabs(d), 'e', -1);
	if (!hbuf_ok(&b))
		*oom = true;
	const char *p = hbuf_cstr(&b);
	__int128 m = 0;
	int digits = 0;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9')
			m = m * 10 + (*p - '0'), digits++;
	int e = *p == 'e' ? atoi(p + 1) : 0;
	hbuf_free(&b);
	*mant = m;
	*exp = e - (digits - 1);
	return digits > 0 && isfinite(d);
}

bool hmultipleof_check(double v, double m, bool *oom)
{
	__int128 a, b;
	int p, q;
	if (!to_decimal(oom, v, &a, &p) || !to_decimal(oom, m, &b, &q) || b == 0)
		return isfinite(v / m) && v / m == floor(v / m);
	if (a == 0)
		return true;
	if (p >= q) { /* a*10^(p-q) mod b */
		__int128 r = a % b, t = 10 % b;
		for (int k = p - q; k > 0; k >>= 1) {
			if (k & 1)
				r = r * t % b;
			t = t * t % b;
		}
		return r == 0;
	}
	if (q - p > 20)
		return false;
	for (int k = 0; k < q - p; k++)
		b *= 10;
	return a % b == 0;
}

