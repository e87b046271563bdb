/* netip.c - Go 1.25's netip.ParseAddr with its error texts (netip.h). */
#include "core/netip.h"

#include "core/strconv.h"

#include <stdint.h>
#include <string.h>

/* parseAddrError.Error(): ParseAddr("in"): msg[ (at "rest")] */
static bool addr_err(hbuf *why, const char *in, size_t n, const char *msg, const char *at, size_t an)
{
	hbuf q = HBUF_INIT;
	hstrconv_quote(&q, in, n, false);
	hbuf_printf(why, "ParseAddr(%s): %s", hbuf_cstr(&q), msg);
	if (at && an) {
		hbuf_reset(&q);
		hstrconv_quote(&q, at, an, false);
		hbuf_printf(why, " (at %s)", hbuf_cstr(&q));
	}
	hbuf_free(&q);
	return false;
}

/* netip's parseIPv4: the message only (the caller wraps it). */
static const char *netip_v4(const char *s, size_t n, size_t *at)
{
	int val = 0, pos = 0, dig = 0;
	*at = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (dig == 1 && val == 0)
				return "IPv4 field has octet with leading zero";
			val = val * 10 + (s[i] - '0'), dig++;
			if (val > 255)
				return "IPv4 field has value >255";
		} else if (s[i] == '.') {
			if (i == 0 || i == n - 1 || s[i - 1] == '.')
				return *at = i, "IPv4 field must have at least one digit";
			if (pos == 3)
				return "IPv4 address too long";
			pos++, val = 0, dig = 0;
		} else {
			return *at = i, "unexpected character";
		}
	}
	return pos < 3 ? "IPv4 address too short" : NULL;
}

bool hnetip_parse(const char *in, size_t n, bool *is6, bool *zoned, hbuf *why)
{
	*zoned = false;
	*is6 = false;
	size_t k = 0;
	for (; k < n; k++) {
		if (in[k] == '.') {
			size_t at;
			const char *m = netip_v4(in, n, &at);
			return m ? addr_err(why, in, n, m, at == SIZE_MAX ? NULL : in + at, n - at) : true;
		}
		if (in[k] == ':')
			break;
		if (in[k] == '%')
			return addr_err(why, in, n, "missing IPv6 address", NULL, 0);
	}
	if (k == n)
		return addr_err(why, in, n, "unable to parse IP", NULL, 0);
	const char *s = in, *pct = memchr(in, '%', n);
	size_t sn = pct ? (size_t)(pct - in) : n;
	if (pct && pct + 1 == in + n)
		return addr_err(why, in, n, "zone must be a non-empty string", NULL, 0);
	*zoned = pct != NULL;
	*is6 = true;
	int ellipsis = -1, i = 0;
	if (sn >= 2 && s[0] == ':' && s[1] == ':') {
		ellipsis = 0, s += 2, sn -= 2;
		if (!sn)
			return true;
	}
	while (i < 16) {
		size_t off = 0;
		uint32_t acc = 0;
		for (; off < sn; off++) {
			char c = s[off];
			int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			      : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (v < 0)
				break;
			if (off > 3) /* Go 1.25's netip counts the digits */
				return addr_err(why, in, n, "each group must have 4 or less digits", s, sn);
			acc = (acc << 4) + (uint32_t)v;
		}
		if (!off)
			return addr_err(why, in, n, "each colon-separated field must have at least one digit", s, sn);
		if (off < sn && s[off] == '.') {
			if (ellipsis < 0 && i != 12)
				return addr_err(why, in, n, "embedded IPv4 address must replace the final 2 fields of the address", s, sn);
			if (i + 4 > 16)
				return addr_err(why, in, n, "too many hex fields to fit an embedded IPv4 at the end of the address", s, sn);
			size_t at;
			const char *m = netip_v4(s, sn, &at);
			if (m) /* parseIPv4Fields reports against the whole input */
				return addr_err(why, in, n, m, at == SIZE_MAX ? NULL : s + at, sn - at);
			sn = 0, i += 4;
			break;
		}
		i += 2;
		s += off, sn -= off;
		if (!sn)
			break;
		if (s[0] != ':')
			return addr_err(why, in, n, "unexpected character, want colon", s, sn);
		if (sn == 1)
			return addr_err(why, in, n, "colon must be followed by more characters", s, sn);
		s++, sn--;
		if (s[0] == ':') {
			if (ellipsis >= 0)
				return addr_err(why, in, n, "multiple :: in address", s, sn);
			ellipsis = i, s++, sn--;
			if (!sn)
				break;
		}
	}
	if (sn)
		return addr_err(why, in, n, "trailing garbage after address", s, sn);
	if (i < 16 && ellipsis < 0)
		return addr_err(why, in, n, "address string too short", NULL, 0);
	if (i >= 16 && ellipsis >= 0)
		return addr_err(why, in, n, "the :: must expand to at least one field of zeros", NULL, 0);
	return true;
}

