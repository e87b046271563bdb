/* jsonformat6.c - santhosh-tekuri/jsonschema v6's format checks (format.go) with their error
 * texts, which v6 asserts under `$schema` draft-04/06/07 (jsonformat6.h). */
#include "helm/jsonformat6.h"

#include "core/gotime.h"
#include "core/netip.h"
#include "sprig/sprig.h"
#include "core/regexp.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* LocalizableError(%q of one rune) */
static bool bad_rune(hbuf *why, const char *fmt, const char *s, size_t n)
{
	int32_t r;
	size_t w = hutf8_decode(s, n, &r);
	(void)w;
	hbuf q = HBUF_INIT;
	hstrconv_quote_rune(&q, r, false);
	hbuf_printf(why, fmt, hbuf_cstr(&q));
	hbuf_free(&q);
	return false;
}

static bool fail(hbuf *why, const char *msg)
{
	hbuf_puts(why, msg);
	return false;
}

static bool ipv4(const char *s, size_t n, hbuf *why)
{
	size_t groups = 1;
	for (size_t i = 0; i < n; i++)
		groups += s[i] == '.';
	if (groups != 4)
		return fail(why, "expected four decimals");
	const char *p = s, *end = s + n;
	while (p <= end) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t gl = dot ? (size_t)(dot - p) : (size_t)(end - p);
		if (gl > 1 && p[0] == '0')
			return fail(why, "leading zeros");
		/* strconv.Atoi */
		size_t k = gl && (p[0] == '+' || p[0] == '-');
		bool ok = gl > k;
		for (size_t j = k; j < gl && ok; j++)
			ok = p[j] >= '0' && p[j] <= '9';
		if (!ok) {
			hbuf q = HBUF_INIT;
			hstrconv_quote(&q, p, gl, false);
			hbuf_printf(why, "strconv.Atoi: parsing %s: invalid syntax", hbuf_cstr(&q));
			hbuf_free(&q);
			return false;
		}
		long v = strtol(p, NULL, 10);
		if (v < 0 || v > 255 || gl - k > 4)
			return fail(why, "decimal must be between 0 and 255");
		if (!dot)
			break;
		p = dot + 1;
	}
	return true;
}

static bool ipv6(const char *s, size_t n, hbuf *why)
{
	if (!memchr(s, ':', n))
		return fail(why, "missing colon");
	bool zoned, is6;
	if (!hnetip_parse(s, n, &is6, &zoned, why))
		return false;
	return zoned ? fail(why, "zone id is not a part of ipv6 address") : true;
}

/* parseURL: url.Parse, then an IPv6 Hostname() must be bracketed and valid. */
static bool parse_url(const char *s, size_t n, bool *abs, hbuf *why)
{
	hbuf scheme = HBUF_INIT, host = HBUF_INIT;
	bool ok = hsprig_url_parse(s, n, true, &scheme, &host, why);
	*abs = scheme.len > 0;
	if (ok) {
		/* Hostname(): splitHostPort (a valid optional :port goes), then the brackets */
		const char *h = hbuf_cstr(&host);
		size_t hn = host.len;
		const char *colon = NULL;
		for (size_t i = hn; i > 0 && !colon; i--)
			if (h[i - 1] == ':')
				colon = h + i - 1;
		bool port = colon != NULL;
		for (const char *q = colon ? colon + 1 : NULL; q && q < h + hn && port; q++)
			port = *q >= '0' && *q <= '9';
		if (port)
			hn = (size_t)(colon - h);
		if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']')
			h++, hn -= 2;
		if (memchr(h, ':', hn)) {
			if (!memchr(host.data, '[', host.len) || !memchr(host.data, ']', host.len)) {
				ok = fail(why, "ipv6 address not enclosed in brackets");
			} else {
				hbuf inner = HBUF_INIT;
				if (!(ok = ipv6(h, hn, &inner)))
					hbuf_printf(why, "invalid ipv6 address: %s", hbuf_cstr(&inner));
				hbuf_free(&inner);
			}
		}
	}
	hbuf_free(&scheme);
	hbuf_free(&host);
	return ok;
}

static bool uri(const char *s, size_t n, hbuf *why)
{
	bool abs;
	if (!parse_url(s, n, &abs, why))
		return false;
	return abs ? true : fail(why, "relative url");
}

static bool uri_reference(const char *s, size_t n, hbuf *why)
{
	if (memchr(s, '\\', n))
		return fail(why, "contains \\");
	bool abs;
	return parse_url(s, n, &abs, why);
}

static bool hostname(const char *s, size_t n, hbuf *why)
{
	if (n && s[n - 1] == '.')
		n--;
	if (n > 253)
		return fail(why, "more than 253 characters long");
	const char *p = s, *end = s + n;
	for (;;) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		size_t l = dot ? (size_t)(dot - p) : (size_t)(end - p);
		if (l < 1 || l > 63)
			return fail(why, "label must be 1 to 63 characters long");
		if (p[0] == '-')
			return fail(why, "label starts with hyphen");
		if (p[l - 1] == '-')
			return fail(why, "label ends with hyphen");
		for (size_t i = 0; i < l; i++) {
			char c = p[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			      c == '-'))
				return bad_rune(why, "invalid character %s", p + i, l - i);
		}
		if (!dot)
			return true;
		p = dot + 1;
	}
}

static bool email(const char *s, size_t n, hbuf *why)
{
	if (n > 254)
		return fail(why, "more than 255 characters long");
	const char *at = NULL;
	for (size_t i = n; i > 0 && !at; i--)
		if (s[i - 1] == '@')
			at = s + i - 1;
	if (!at)
		return fail(why, "missing @");
	size_t ll = (size_t)(at - s);
	const char *dom = at + 1;
	size_t dl = n - ll - 1;
	if (ll > 64)
		return fail(why, "local part more than 64 characters long");
	if (ll > 1 && s[0] == '"') {
		for (size_t i = 1; i + 1 < ll; i++)
			if (s[i] == '\\' || s[i] == '"')
				return fail(why, "backslash and quote are not allowed within quoted local part");
	} else {
		if (ll && s[0] == '.')
			return fail(why, "starts with dot");
		if (ll && s[ll - 1] == '.')
			return fail(why, "ends with dot");
		for (size_t i = 0; i + 1 < ll; i++)
			if (s[i] == '.' && s[i + 1] == '.')
				return fail(why, "consecutive dots");
		for (size_t i = 0; i < ll; i++) {
			char c = s[i];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			      (c && strchr(".!#$%&'*+-/=?^_`{|}~", c))))
				return bad_rune(why, "invalid character %s", s + i, ll - i);
		}
	}
	if (dl >= 2 && dom[0] == '[' && dom[dl - 1] == ']') {
		hbuf inner = HBUF_INIT;
		bool v6 = dl - 2 >= 5 && !strncmp(dom + 1, "IPv6:", 5);
		bool ok = v6 ? ipv6(dom + 6, dl - 7, &inner) : ipv4(dom + 1, dl - 2, &inner);
		if (!ok)
			hbuf_printf(why, "invalid %s address: %s", v6 ? "ipv6" : "ipv4", hbuf_cstr(&inner));
		hbuf_free(&inner);
		return ok;
	}
	hbuf inner = HBUF_INIT;
	bool ok = hostname(dom, dl, &inner);
	if (!ok)
		hbuf_printf(why, "invalid domain: %s", hbuf_cstr(&inner));
	hbuf_free(&inner);
	return ok;
}

static bool uuid(const char *s, size_t n, hbuf *why)
{
	static const size_t want[] = {8, 4, 4, 4, 12};
	size_t groups = 1;
	for (size_t i = 0; i < n; i++)
		groups += s[i] == '-';
	if (groups != 5)
		return fail(why, "must have 5 elements");
	const char *p = s;
	for (int g = 0; g < 5; g++) {
		const char *dash = memchr(p, '-', (size_t)(s + n - p));
		size_t l = dash ? (size_t)(dash - p) : (size_t)(s + n - p);
		if (l != want[g]) {
			hbuf_printf(why, "element %d must be %zu characters long", g + 1, want[g]);
			return false;
		}
		for (size_t i = 0; i < l; i++) {
			char c = p[i];
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
				return bad_rune(why, "non-hex character %s", p + i, l - i);
		}
		p += l + 1;
	}
	return true;
}

static bool date(harena *a, const char *s, size_t n, hbuf *why)
{
	hgotime_time t;
	return hgotime_parse(a, "2006-01-02", 10, s, n, hgotime_utc(), &t, why);
}

static int atoi_ok(const char *s, size_t n, int *out)
{
	if (!n)
		return 0;
	size_t k = s[0] == '+' || s[0] == '-';
	if (n == k)
		return 0;
	int v = 0;
	for (size_t i = k; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = s[0] == '-' ? -v : v;
	return 1;
}

static bool time_of_day(const char *s, size_t n, hbuf *why)
{
	if (n < 9)
		return fail(why, "less than 9 characters long");
	if (s[2] != ':' || s[5] != ':')
		return fail(why, "missing colon in correct place");
	int hms[3];
	for (int k = 0; k < 3; k++) {
		if (!atoi_ok(s + 3 * k, 2, &hms[k]))
			return fail(why, "invalid hour/min/sec");
		if (hms[k] < 0)
			return fail(why, "non-positive hour/min/sec");
	}
	int h = hms[0], m = hms[1], sec = hms[2];
	if (h > 23 || m > 59 || sec > 60)
		return fail(why, "hour/min/sec out of range");
	const char *p = s + 8, *end = s + n;
	if (p < end && *p == '.') {
		p++;
		const char *d = p;
		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == d)
			return fail(why, "no digits in second fraction");
	}
	size_t rest = (size_t)(end - p);
	if (!(rest == 1 && (*p == 'z' || *p == 'Z'))) {
		if (rest != 6)
			return fail(why, "offset must be 6 characters long");
		int sign;
		if (*p == '+')
			sign = -1;
		else if (*p == '-')
			sign = 1;
		else
			return fail(why, "offset must begin with plus/minus");
		p++;
		if (p[2] != ':')
			return fail(why, "missing colon in offset in correct place");
		int zh, zm;
		if (!atoi_ok(p, 2, &zh) || !atoi_ok(p + 3, 2, &zm))
			return fail(why, "invalid hour/min in offset");
		if (zh < 0 || zm < 0)
			return fail(why, "non-positive hour/min in offset");
		if (zh > 23 || zm > 59)
			return fail(why, "hour/min in offset out of range");
		int hm = h * 60 + m + sign * (zh * 60 + zm);
		if (hm < 0)
			hm += 24 * 60;
		h = hm / 60, m = hm % 60;
	}
	if (sec >= 60 && (h != 23 || m != 59))
		return fail(why, "invalid leap second");
	return true;
}

static bool date_time(harena *a, const char *s, size_t n, hbuf *why)
{
	if (n < 20)
		return fail(why, "less than 20 characters long");
	if (s[10] != 't' && s[10] != 'T')
		return fail(why, "11th character must be t or T");
	hbuf inner = HBUF_INIT;
	bool ok = date(a, s, 10, &inner);
	if (!ok)
		hbuf_printf(why, "invalid date element: %s", hbuf_cstr(&inner));
	else if (!(ok = time_of_day(s + 11, n - 11, &inner)))
		hbuf_printf(why, "invalid time element: %s", hbuf_cstr(&inner));
	hbuf_free(&inner);
	return ok;
}

static bool json_pointer(const char *s, size_t n, hbuf *why)
{
	if (!n)
		return true;
	if (s[0] != '/')
		return fail(why, "not starting with /");
	bool esc = false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		if (c == '/') {
			if (esc)
				return fail(why, "~ must be followed by 0 or 1");
			continue;
		}
		if (esc) {
			esc = false;
			if (c != '0' && c != '1')
				return fail(why, "~ must be followed by 0 or 1");
			continue;
		}
		if (c == '~')
			esc = true;
	}
	if (esc)
		return fail(why, "~ must be followed by 0 or 1");
	return true;
}

static bool relative_json_pointer(const char *s, size_t n, hbuf *why)
{
	size_t d = 0;
	while (d < n && s[d] >= '0' && s[d] <= '9')
		d++;
	if (!d)
		return fail(why, "must start with non-negative integer");
	if (d > 1 && s[0] == '0')
		return fail(why, "starts with zero");
	if (n - d == 1 && s[d] == '#')
		return true;
	return json_pointer(s + d, n - d, why);
}

static bool duration(const char *s, size_t n, hbuf *why)
{
	if (!n || s[0] != 'P')
		return fail(why, "must start with P");
	s++, n--;
	if (!n)
		return fail(why, "nothing after P");
	if (s[n - 1] == 'W') {
		if (n == 1)
			return fail(why, "no number in week");
		for (size_t i = 0; i + 1 < n; i++)
			if (s[i] < '0' || s[i] > '9')
				return fail(why, "invalid week");
		return true;
	}
	static const char *const all[] = {"YMD", "HMS"};
	const char *p = s, *end = s + n;
	for (int part = 0;; part++) {
		const char *t = memchr(p, 'T', (size_t)(end - p));
		const char *pe = t ? t : end;
		if (part != 0 && p == pe)
			return fail(why, "no time elements");
		if (part >= 2)
			return fail(why, "more than one T");
		const char *units = all[part];
		while (p < pe) {
			const char *d = p;
			while (p < pe && *p >= '0' && *p <= '9')
				p++;
			if (p == d)
				return fail(why, "missing number");
			if (p == pe)
				return fail(why, "missing unit");
			const char *j = strchr(units, *p);
			if (!j || !*p) {
				if (strchr(all[part], *p) && *p)
					hbuf_printf(why, "unit '%c' out of order", *p);
				else
					bad_rune(why, "invalid unit %s", p, (size_t)(pe - p));
				return false;
			}
			units = j + 1;
			p++;
		}
		if (!t)
			return true;
		p = t + 1;
	}
}

static bool period(harena *a, const char *s, size_t n, hbuf *why)
{
	const char *slash = memchr(s, '/', n);
	if (!slash)
		return fail(why, "missing slash");
	const char *st = s, *en = slash + 1;
	size_t sl = (size_t)(slash - s), el = n - sl - 1;
	hbuf inner = HBUF_INIT;
	bool ok;
	if (sl && st[0] == 'P') {
		if (!(ok = duration(st, sl, &inner)))
			hbuf_printf(why, "invalid start duration: %s", hbuf_cstr(&inner));
		else if (!(ok = date_time(a, en, el, &inner)))
			hbuf_printf(why, "invalid end date-time: %s", hbuf_cstr(&inner));
	} else if (!(ok = date_time(a, st, sl, &inner))) {
		hbuf_printf(why, "invalid start date-time: %s", hbuf_cstr(&inner));
	} else if (el && en[0] == 'P') {
		if (!(ok = duration(en, el, &inner)))
			hbuf_printf(why, "invalid end duration: %s", hbuf_cstr(&inner));
	} else if (!(ok = date_time(a, en, el, &inner))) {
		hbuf_printf(why, "invalid end date-time: %s", hbuf_cstr(&inner));
	}
	hbuf_free(&inner);
	return ok;
}

static bool ident_char(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

static bool semver(const char *s, size_t n, hbuf *why)
{
	const char *plus = memchr(s, '+', n);
	if (plus) {
		const char *b = plus + 1, *end = s + n;
		if (b == end)
			return fail(why, "build is empty");
		for (const char *p = b;;) {
			const char *dot = memchr(p, '.', (size_t)(end - p));
			const char *ie = dot ? dot : end;
			if (ie == p)
				return fail(why, "build identifier is empty");
			for (const char *q = p; q < ie; q++)
				if (!ident_char(*q))
					return bad_rune(why, "invalid character %s in build identifier", q,
					                (size_t)(ie - q));
			if (!dot)
				break;
			p = dot + 1;
		}
		n = (size_t)(plus - s);
	}
	const char *dash = memchr(s, '-', n);
	if (dash) {
		const char *end = s + n;
		for (const char *p = dash + 1;;) {
			const char *dot = memchr(p, '.', (size_t)(end - p));
			const char *ie = dot ? dot : end;
			if (ie == p)
				return fail(why, "pre-release identifier is empty");
			bool digits = true;
			for (const char *q = p; q < ie; q++) {
				if (!ident_char(*q))
					return bad_rune(why, "invalid character %s in pre-release identifier", q,
					                (size_t)(ie - q));
				digits = digits && *q >= '0' && *q <= '9';
			}
			if (digits && ie - p > 1 && p[0] == '0')
				return fail(why, "pre-release numeric identifier starts with zero");
			if (!dot)
				break;
			p = dot + 1;
		}
		n = (size_t)(dash - s);
	}
	static const char *const names[] = {"major", "minor", "patch"};
	size_t parts = 1;
	for (size_t i = 0; i < n; i++)
		parts += s[i] == '.';
	if (parts != 3)
		return fail(why, "versionCore must have 3 numbers separated by dot");
	const char *p = s, *end = s + n;
	for (int k = 0; k < 3; k++) {
		const char *dot = memchr(p, '.', (size_t)(end - p));
		const char *ve = dot ? dot : end;
		if (ve == p)
			return hbuf_printf(why, "%s is empty", names[k]), false;
		if (ve - p > 1 && p[0] == '0')
			return hbuf_printf(why, "%s starts with zero", names[k]), false;
		for (const char *q = p; q < ve; q++)
			if (*q < '0' || *q > '9')
				return hbuf_printf(why, "%s contains non-digit", names[k]), false;
		p = ve + 1;
	}
	return true;
}

static bool regex(const char *s, size_t n, hbuf *why)
{
	hrx *rx = hrx_compile_flags(s, n, HRX_GO125, why);
	bool ok = rx != NULL;
	hrx_free(rx);
	return ok;
}

int hjsonformat6_check(harena *a, const char *format, const char *s, size_t n, hbuf *why)
{
	static const struct {
		const char *name;
		int kind;
	} known[] = {{"uri", 15}, {"iri", 15}, {"uri-reference", 16}, {"iri-reference", 16},
	             {"ipv6", 14}, {"ipv4", 1}, {"hostname", 2}, {"email", 3}, {"uuid", 4}, {"date", 5},
	             {"time", 6}, {"date-time", 7}, {"json-pointer", 8},
	             {"relative-json-pointer", 9}, {"regex", 10}, {"duration", 11},
	             {"period", 12}, {"semver", 13}};
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		if (strcmp(format, known[i].name))
			continue;
		switch (known[i].kind) {
		case 1: return ipv4(s, n, why);
		case 2: return hostname(s, n, why);
		case 3: return email(s, n, why);
		case 4: return uuid(s, n, why);
		case 5: return date(a, s, n, why);
		case 6: return time_of_day(s, n, why);
		case 7: return date_time(a, s, n, why);
		case 8: return json_pointer(s, n, why);
		case 9: return relative_json_pointer(s, n, why);
		case 10: return regex(s, n, why);
		case 11: return duration(s, n, why);
		case 12: return period(a, s, n, why);
		case 13: return semver(s, n, why);
		case 14: return ipv6(s, n, why);
		case 15: return uri(s, n, why);
		default: return uri_reference(s, n, why);
		}
	}
	return -1;
}
