/* jsonformat.c - the string formats a values.schema.json `format` keyword names, checked as
 * xeipuuv/gojsonschema v1.2.0 checks them (format_checkers.go FormatCheckers). Each checker
 * reproduces the Go library call gojsonschema makes rather than the RFC it cites:
 * time.Parse layouts for date, time and date-time; net.ParseIP (Go 1.17+, no leading zeros)
 * for ipv4/ipv6; rxHostname plus the 255-byte limit; net/mail ParseAddress for email and
 * idn-email; url.Parse for uri, uri-reference, iri, iri-reference and uri-template; and the
 * rxUUID, rxJSONPointer, rxRelJSONPointer patterns.
 *
 * The dispatcher (format_ok in schema.c) keeps the table of known formats and the `regex`
 * format, which needs the schema's regexp compiler. */
#include "helm/jsonformat.h"

#include "core/codec.h"

#include <string.h>

static bool isdig(char c)
{
	return c >= '0' && c <= '9';
}

/* Go time.Parse's getnum: two digits when fixed, else one or two. Returns digits used. */
static size_t getnum(const char *p, bool fixed, int *out)
{
	if (!isdig(p[0]))
		return 0;
	if (!isdig(p[1])) {
		*out = p[0] - '0';
		return fixed ? 0 : 1;
	}
	*out = (p[0] - '0') * 10 + (p[1] - '0');
	return 2;
}

static int days_in(int m, int y)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
	return m == 2 && leap ? 29 : d[m - 1];
}

/* Layout "2006-01-02"; returns the rest of the text or NULL. */
static const char *parse_date(const char *p)
{
	int y = 0, m, d;
	for (int i = 0; i < 4; i++) {
		if (!isdig(p[i]))
			return NULL;
		y = y * 10 + (p[i] - '0');
	}
	p += 4;
	size_t n;
	if (*p++ != '-' || !(n = getnum(p, true, &m)) || m < 1 || m > 12)
		return NULL;
	p += n;
	if (*p++ != '-' || !(n = getnum(p, true, &d)) || d < 1 || d > days_in(m, y))
		return NULL;
	return p + n;
}

bool hjsonformat_date(const char *s)
{
	const char *e = parse_date(s);
	return e && !*e;
}

/* Layout "15:04:05" (hour of one or two digits; a fraction after the seconds is taken as
 * Go takes one the layout does not mention). */
static const char *parse_clock(const char *p)
{
	int h, m, s;
	size_t n = getnum(p, false, &h);
	if (!n || h > 23)
		return NULL;
	p += n;
	if (*p++ != ':' || getnum(p, true, &m) != 2 || m > 59)
		return NULL;
	p += 2;
	if (*p++ != ':' || getnum(p, true, &s) != 2 || s > 59)
		return NULL;
	p += 2;
	if ((*p == '.' || *p == ',') && isdig(p[1]))
		for (p++; isdig(*p); p++)
			;
	return p;
}

/* "Z07:00": Z or ±hh:mm. */
static const char *parse_zone(const char *p)
{
	int h, m;
	if (*p == 'Z')
		return p + 1;
	if ((*p != '+' && *p != '-') || getnum(p + 1, true, &h) != 2 || p[3] != ':' ||
	    getnum(p + 4, true, &m) != 2 || h > 24 || m > 60)
		return NULL;
	return p + 6;
}

/* "15:04:05" or "15:04:05Z07:00". */
bool hjsonformat_time(const char *p)
{
	const char *e = parse_clock(p);
	return e && (!*e || ((e = parse_zone(e)) && !*e));
}

/* "15:04:05", "15:04:05Z07:00", "2006-01-02", RFC3339, RFC3339Nano. */
bool hjsonformat_date_time(const char *p)
{
	if (hjsonformat_time(p))
		return true;
	const char *e = parse_date(p);
	if (!e)
		return false;
	if (!*e)
		return true;
	return *e == 'T' && (e = parse_clock(e + 1)) && (e = parse_zone(e)) && !*e;
}

/* net.ParseIP for a dotted quad (Go 1.17+: no leading zeros). */
static bool ipv4_part(const char *p, const char *end)
{
	int fields = 0;
	while (p < end) {
		int v = 0, nd = 0;
		const char *st = p;
		for (; p < end && isdig(*p) && nd < 4; p++, nd++)
			v = v * 10 + (*p - '0');
		if (nd == 0 || nd > 3 || v > 255 || (nd > 1 && *st == '0'))
			return false;
		fields++;
		if (p < end && (*p != '.' || fields == 4 || p + 1 == end))
			return false;
		if (p < end)
			p++;
	}
	return fields == 4;
}

/* net.ParseIP for IPv6 text: groups of 1-4 hex digits, one "::", an IPv4 tail. */
static bool ipv6_part(const char *p, const char *end)
{
	int groups = 0;
	bool ell = false;
	if (end - p >= 2 && p[0] == ':' && p[1] == ':') {
		ell = true, p += 2;
		if (p == end)
			return true;
	}
	while (p < end) {
		const char *st = p;
		int nd = 0;
		while (p < end && hcodec_unhex((unsigned char)*p) >= 0 && nd < 5)
			p++, nd++;
		if (p < end && *p == '.') {
			if (!ipv4_part(st, end) || groups > 6)
				return false;
			groups += 2;
			p = end;
			break;
		}
		if (nd == 0 || nd > 4)
			return false;
		groups++;
		if (p == end)
			break;
		if (*p != ':' || groups >= 8)
			return false;
		p++;
		if (p < end && *p == ':') {
			if (ell)
				return false;
			ell = true, p++;
			if (p == end)
				break;
		} else if (p == end) {
			return false;
		}
	}
	return ell ? groups < 8 : groups == 8;
}

static bool parse_ip(const char *s)
{
	const char *end = s + strlen(s);
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			return ipv4_part(s, end);
		if (*p == ':')
			return ipv6_part(s, end);
	}
	return false;
}

/* The text's separator picks the family: "::ffff:1.2.3.4" is IPv6 yet counts as ipv4 too,
 * as gojsonschema only asks net.ParseIP and then looks for a '.' or a ':'. */
bool hjsonformat_ipv4(const char *s)
{
	return parse_ip(s) && strchr(s, '.');
}

bool hjsonformat_ipv6(const char *s)
{
	return parse_ip(s) && strchr(s, ':');
}

/* rxHostname, and shorter than 256 bytes. */
bool hjsonformat_hostname(const char *s)
{
	size_t len = strlen(s), lab = 0;
	if (len == 0 || len >= 256)
		return false;
	for (size_t i = 0; i <= len; i++) {
		char c = s[i];
		if (c == '.' || c == 0) {
			if (lab == 0 || lab > 63 || s[i - 1] == '-' || s[i - lab] == '-')
				return false;
			lab = 0;
		} else if (isdig(c) || ((c | 32) >= 'a' && (c | 32) <= 'z') || c == '-') {
			lab++;
		} else {
			return false;
		}
	}
	return true;
}

/* net/mail atext (dot-atom characters; UTF-8 counts as printable). */
static bool atext(unsigned char c)
{
	if (c >= 0x80)
		return true;
	if (c <= ' ' || c == 0x7f)
		return false;
	return !strchr("()<>[]:;@\\,.\"", c);
}

/* A dot-atom: no leading, trailing or doubled dot. */
static const char *dot_atom(const char *p)
{
	const char *st = p;
	while (atext((unsigned char)*p) || *p == '.')
		p++;
	if (p == st || *st == '.' || p[-1] == '.')
		return NULL;
	for (const char *q = st; q + 1 < p; q++)
		if (q[0] == '.' && q[1] == '.')
			return NULL;
	return p;
}

static const char *quoted(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if ((unsigned char)*p < ' ' && *p != '\t')
			return NULL;
	}
	return *p == '"' ? p + 1 : NULL;
}

/* addr-spec: local-part "@" domain, domain a dot-atom or a [literal]. */
static const char *addr_spec(const char *p)
{
	p = *p == '"' ? quoted(p) : dot_atom(p);
	if (!p || *p++ != '@')
		return NULL;
	if (*p == '[') { /* consumeDomainLiteral: the dtext must be an IP (net.ParseIP) */
		const char *e = strchr(p, ']');
		char ip[64];
		size_t n = e ? (size_t)(e - p - 1) : 0;
		if (!e || n >= sizeof ip)
			return NULL;
		memcpy(ip, p + 1, n);
		ip[n] = 0;
		return hjsonformat_ipv4(ip) || hjsonformat_ipv6(ip) ? e + 1 : NULL;
	}
	return dot_atom(p);
}

static const char *skip_sp(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		p++;
	return p;
}

/* mail.ParseAddress: `a@b.c` or `Name <a@b.c>` (phrase of atoms and quoted strings). */
bool hjsonformat_email(const char *s)
{
	const char *p = skip_sp(s), *e = addr_spec(p);
	if (e && !*skip_sp(e))
		return true;
	while (*p && *p != '<') {
		const char *q = *p == '"' ? quoted(p) : NULL;
		if (!q)
			for (q = p; atext((unsigned char)*q) || *q == '.'; q++)
				;
		if (q == p)
			return false;
		p = skip_sp(q);
	}
	if (*p != '<' || !(e = addr_spec(p + 1)) || *e != '>')
		return false;
	return !*skip_sp(e + 1);
}

/* url.shouldEscape(c, encodeHost) for ASCII: what a host may hold unescaped. */
static bool host_char(unsigned char c)
{
	if (c >= 0x80 || isdig((char)c) || ((c | 32) >= 'a' && (c | 32) <= 'z'))
		return true;
	return c && strchr("-_.~!$&'()*+,;=:[]<>\"%", c);
}

/* Percent escapes must be %XX. */
static bool escapes_ok(const char *p, const char *end)
{
	for (; p < end; p++)
		if (*p == '%' && (end - p < 3 || hcodec_unhex((unsigned char)p[1]) < 0 || hcodec_unhex((unsigned char)p[2]) < 0))
			return false;
	return true;
}

/* url.Parse's authority: [userinfo@]host[:port], host maybe [v6]. */
static bool authority_ok(const char *p, const char *end)
{
	const char *at = NULL;
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	if (at) {
		for (const char *q = p; q < at; q++)
			if (!host_char((unsigned char)*q) && *q != '@')
				return false;
		p = at + 1;
	}
	const char *hend = end, *colon = NULL;
	if (p < end && *p == '[') {
		const char *rb = memchr(p, ']', (size_t)(end - p));
		if (!rb || (rb + 1 < end && rb[1] != ':'))
			return false;
		colon = rb + 1 < end ? rb + 1 : NULL;
		hend = rb + 1;
	} else {
		for (const char *q = p; q < end; q++)
			if (*q == ':')
				colon = q;
		if (colon)
			hend = colon;
	}
	for (const char *q = colon ? colon + 1 : end; q < end; q++)
		if (!isdig(*q))
			return false;
	for (const char *q = p; q < hend; q++)
		if (!host_char((unsigned char)*q))
			return false;
	return escapes_ok(p, hend);
}

/* url.Parse succeeds; *scheme says whether a scheme was found. */
static bool url_parses(const char *s, bool *scheme)
{
	size_t n = strlen(s);
	*scheme = false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < ' ' || s[i] == 0x7f)
			return false;
	const char *hash = strchr(s, '#'), *end = hash ? hash : s + n;
	if (hash && !escapes_ok(hash + 1, s + n))
		return false;
	const char *p = s;
	for (const char *q = s; q < end; q++) {
		char c = *q;
		if ((c | 32) >= 'a' && (c | 32) <= 'z')
			continue;
		if (q > s && (isdig(c) || c == '+' || c == '-' || c == '.'))
			continue;
		if (c == ':') {
			if (q == s)
				return false;
			*scheme = true;
			p = q + 1;
		}
		break;
	}
	const char *qm = memchr(p, '?', (size_t)(end - p));
	if (qm)
		end = qm;
	if (*scheme && *p != '/')
		return true; /* opaque: mailto:x */
	if (!*scheme) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		const char *colon = memchr(p, ':', (size_t)(end - p));
		if (colon && (!slash || colon < slash))
			return false;
	}
	if (end - p >= 2 && p[0] == '/' && p[1] == '/' && !(end - p >= 3 && p[2] == '/')) {
		const char *a = p + 2, *slash = memchr(a, '/', (size_t)(end - a));
		const char *ae = slash ? slash : end;
		if (!authority_ok(a, ae))
			return false;
		p = ae;
	}
	return escapes_ok(p, end);
}

/* No backslash, url.Parse succeeds, then rxURITemplate on the (unescaped) path: each '{'
 * outside a group closes with a '}'. */
bool hjsonformat_uri_template(const char *s)
{
	bool scheme;
	if (strchr(s, '\\') || !url_parses(s, &scheme))
		return false;
	for (const char *q = s; *q && *q != '#' && *q != '?'; q++)
		if (*q == '{' && !strchr(q, '}'))
			return false;
	return true;
}

bool hjsonformat_uuid(const char *s)
{
	static const int groups[] = {8, 4, 4, 4, 12};
	for (int g = 0; g < 5; g++) {
		for (int i = 0; i < groups[g]; i++, s++)
			if (!isdig(*s) && !(*s >= 'a' && *s <= 'f'))
				return false;
		if (g < 4 && *s++ != '-')
			return false;
	}
	return !*s;
}

/* rxJSONPointer: ("/" ([^~/] | ~0 | ~1)*)*  */
bool hjsonformat_json_pointer(const char *s)
{
	if (*s && *s != '/')
		return false;
	for (; *s; s++)
		if (*s == '~' && s[1] != '0' && s[1] != '1')
			return false;
	return true;
}

/* rxRelJSONPointer: a non-negative integer, then "#" or a JSON pointer. */
bool hjsonformat_relative_json_pointer(const char *s)
{
	if (!isdig(*s) || (*s == '0' && isdig(s[1])))
		return false;
	while (isdig(*s))
		s++;
	return !strcmp(s, "#") || hjsonformat_json_pointer(s);
}

/* url.Parse succeeds (with a scheme when need_scheme) and no backslash. */
bool hjsonformat_uri(const char *s, bool need_scheme)
{
	bool scheme;
	return url_parses(s, &scheme) && (scheme || !need_scheme) && !strchr(s, '\\');
}
