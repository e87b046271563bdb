/* govalidator.c - the URL and e-mail checks helm's Chart.yaml lint rule uses
 * (pkg/lint/rules/chartfile.go): asaskevich/govalidator's IsRequestURL, IsURL and IsEmail at
 * the version helm 3.17.3 pins (a9d515a09cc2, validator.go and patterns.go), including as much
 * of Go's net/url parser (url.go parse/parseAuthority/parseHost/unescape) as decides whether
 * they fail. Moved out of lint.c; behaviour pinned by tests/golden/lint/helm-rules.case. */
#include "helm/govalidator.h"

#include "core/buf.h"
#include "core/regexp.h"

#include <stdbool.h>
#include <string.h>


enum { ESC_PATH, ESC_HOST, ESC_ZONE, ESC_USER, ESC_FRAGMENT };

static bool is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* url.shouldEscape for the host modes: what may stand unescaped in a host. */
static bool host_char_ok(char c)
{
	return is_alpha(c) || is_digit(c) || (c && strchr("!$&'()*+,;=:[]<>\"-_.~", c));
}

/* url.unescape: only whether it fails. */
static bool url_unescape_ok(const char *s, size_t n, int mode)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == '%') {
			if (i + 2 >= n || !is_hex(s[i + 1]) || !is_hex(s[i + 2]))
				return false;
			/* a host may %-encode only non-ASCII bytes (and %25) */
			int hi = is_digit(s[i + 1]) ? s[i + 1] - '0' : 10;
			if (mode == ESC_HOST && hi < 8 && memcmp(s + i, "%25", 3))
				return false;
			i += 3;
			continue;
		}
		if ((mode == ESC_HOST || mode == ESC_ZONE) && (unsigned char)s[i] < 0x80 &&
		    !host_char_ok(s[i]))
			return false;
		i++;
	}
	return true;
}

/* validOptionalPort: "" or ':' followed by digits. */
static bool port_ok(const char *s, size_t n)
{
	if (!n)
		return true;
	if (s[0] != ':')
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

static bool host_ok(const char *h, size_t n)
{
	if (n && h[0] == '[') {
		const char *rb = NULL;
		for (size_t i = n; i-- > 0;)
			if (h[i] == ']') {
				rb = h + i;
				break;
			}
		if (!rb || !port_ok(rb + 1, n - (size_t)(rb + 1 - h)))
			return false;
		const char *zone = memmem(h, (size_t)(rb - h), "%25", 3);
		if (zone)
			return url_unescape_ok(h, (size_t)(zone - h), ESC_HOST) &&
			       url_unescape_ok(zone, (size_t)(rb - zone), ESC_ZONE) &&
			       url_unescape_ok(rb, n - (size_t)(rb - h), ESC_HOST);
		return url_unescape_ok(h, n, ESC_HOST);
	}
	for (size_t i = n; i-- > 0;)
		if (h[i] == ':') {
			if (!port_ok(h + i, n - i))
				return false;
			break;
		}
	return url_unescape_ok(h, n, ESC_HOST);
}

static bool authority_ok(const char *a, size_t n, const char **host, size_t *hostlen)
{
	size_t at = n;
	for (size_t i = n; i-- > 0;)
		if (a[i] == '@') {
			at = i;
			break;
		}
	const char *h = at < n ? a + at + 1 : a;
	size_t hl = at < n ? n - at - 1 : n;
	*host = h, *hostlen = hl;
	if (!host_ok(h, hl))
		return false;
	for (size_t i = 0; at < n && i < at; i++) /* validUserinfo */
		if (!is_alpha(a[i]) && !is_digit(a[i]) && !strchr("-._:~!$&'()*+,;=%@", a[i]))
			return false;
	return at == n || url_unescape_ok(a, at, ESC_USER);
}

typedef struct gourl {
	bool scheme;
	const char *host, *path;
	size_t hostlen, pathlen;
} gourl;

/* net/url parse(raw, viaRequest) for the part before any '#'. */
static bool url_parse_ok(const char *s, size_t n, bool via_request, gourl *u)
{
	memset(u, 0, sizeof *u);
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	if (!n && via_request)
		return false;
	if (n == 1 && s[0] == '*')
		return true;
	size_t i = 0; /* getScheme */
	while (i < n && (is_alpha(s[i]) || (i && (is_digit(s[i]) || strchr("+-.", s[i])))))
		i++;
	const char *rest = s;
	if (i < n && s[i] == ':') {
		if (!i)
			return false; /* missing protocol scheme */
		u->scheme = true;
		rest = s + i + 1;
	}
	size_t rl = n - (size_t)(rest - s);
	const char *q = memchr(rest, '?', rl);
	if (q)
		rl = (size_t)(q - rest);
	if (!rl || rest[0] != '/') {
		if (u->scheme)
			return true; /* opaque */
		if (via_request)
			return false;
		const char *slash = memchr(rest, '/', rl);
		if (memchr(rest, ':', slash ? (size_t)(slash - rest) : rl))
			return false;
	}
	if ((u->scheme || (!via_request && !(rl >= 3 && !memcmp(rest, "///", 3)))) && rl >= 2 &&
	    !memcmp(rest, "//", 2)) {
		const char *a = rest + 2;
		const char *slash = memchr(a, '/', rl - 2);
		size_t al = slash ? (size_t)(slash - a) : rl - 2;
		if (!authority_ok(a, al, &u->host, &u->hostlen))
			return false;
		rl -= 2 + al;
		rest = a + al;
	}
	u->path = rest, u->pathlen = rl;
	return url_unescape_ok(rest, rl, ESC_PATH);
}

/* govalidator.IsRequestURL */
bool hgovalidator_is_request_url(const char *s)
{
	gourl u;
	return url_parse_ok(s, strlen(s), true, &u) && u.scheme;
}

static bool rx_match(harena *a, const char *pat, const char *s)
{
	hbuf msg = HBUF_INIT;
	hrx *rx = hrx_compile(a, pat, strlen(pat), &msg);
	hbuf_free(&msg);
	bool ok = rx && hrx_search(rx, s, strlen(s)) == 1;
	hrx_free(rx);
	return ok;
}

/* govalidator's rxEmail and rxURL (patterns.go), as Go's regexp reads them: these patterns
 * are the definition of what helm accepts, so they are kept verbatim (data, not logic). */
static const char email_rx[] =
	"^(((([a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{"
	"FDCF}\\x{FDF0}-\\x{FFEF}])+(\\.([a-zA-Z]|\\d|[!#\\$%&'\\*\\+\\-\\/=\\?\\^_`{\\|}~]|[\\x{00"
	"A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])+)*)|((\\x22)((((\\x20|\\x09)*(\\x0d\\x"
	"0a))?(\\x20|\\x09)+)?(([\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]|\\x21|[\\x23-\\x5b]|[\\x5d-"
	"\\x7e]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])|(\\([\\x01-\\x09\\x0b\\x"
	"0c\\x0d-\\x7f]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}]))))*(((\\x20|\\x"
	"09)*(\\x0d\\x0a))?(\\x20|\\x09)+)?(\\x22)))@((([a-zA-Z]|\\d|[\\x{00A0}-\\x{D7FF}\\x{F900}-"
	"\\x{FDCF}\\x{FDF0}-\\x{FFEF}])|(([a-zA-Z]|\\d|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{F"
	"DF0}-\\x{FFEF}])([a-zA-Z]|\\d|-|\\.|_|~|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x"
	"{FFEF}])*([a-zA-Z]|\\d|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])))\\.)+"
	"(([a-zA-Z]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])|(([a-zA-Z]|[\\x{00"
	"A0}-\\x{D7FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])([a-zA-Z]|\\d|-|_|~|[\\x{00A0}-\\x{D7"
	"FF}\\x{F900}-\\x{FDCF}\\x{FDF0}-\\x{FFEF}])*([a-zA-Z]|[\\x{00A0}-\\x{D7FF}\\x{F900}-\\x{FD"
	"CF}\\x{FDF0}-\\x{FFEF}])))\\.?$";

static const char url_rx[] =
	"^((ftp|tcp|udp|wss?|https?):\\/\\/)?(\\S+(:\\S*)?@)?((([1-9]\\d?|1\\d\\d|2[01]\\d|22[0-3]|"
	"24\\d|25[0-5])(\\.(\\d{1,2}|1\\d\\d|2[0-4]\\d|25[0-5])){2}(?:\\.([0-9]\\d?|1\\d\\d|2[0-4]\\d"
	"|25[0-5]))|(\\[(([0-9a-fA-F]{1,4}:){7,7}[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,7}:|([0-9a-"
	"fA-F]{1,4}:){1,6}:[0-9a-fA-F]{1,4}|([0-9a-fA-F]{1,4}:){1,5}(:[0-9a-fA-F]{1,4}){1,2}|([0-9a"
	"-fA-F]{1,4}:){1,4}(:[0-9a-fA-F]{1,4}){1,3}|([0-9a-fA-F]{1,4}:){1,3}(:[0-9a-fA-F]{1,4}){1,4"
	"}|([0-9a-fA-F]{1,4}:){1,2}(:[0-9a-fA-F]{1,4}){1,5}|[0-9a-fA-F]{1,4}:((:[0-9a-fA-F]{1,4}){1"
	",6})|:((:[0-9a-fA-F]{1,4}){1,7}|:)|fe80:(:[0-9a-fA-F]{0,4}){0,4}%[0-9a-zA-Z]{1,}|::(ffff(:"
	"0{1,4}){0,1}:){0,1}((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.){3,3}(25[0-5]|(2[0-4]|1{0,"
	"1}[0-9]){0,1}[0-9])|([0-9a-fA-F]{1,4}:){1,4}:((25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9])\\.)"
	"{3,3}(25[0-5]|(2[0-4]|1{0,1}[0-9]){0,1}[0-9]))\\])|(([a-zA-Z0-9]([a-zA-Z0-9-_]+)?[a-zA-Z0-"
	"9]([-\\.][a-zA-Z0-9]+)*)|(((www\\.)|([a-zA-Z0-9]+([-_\\.]?[a-zA-Z0-9])*[a-zA-Z0-9]\\.[a-zA"
	"-Z0-9]+))?))?(([a-zA-Z\\x{00a1}-\\x{ffff}0-9]+-?-?)*[a-zA-Z\\x{00a1}-\\x{ffff}0-9]+)(?:\\."
	"([a-zA-Z\\x{00a1}-\\x{ffff}]{1,}))?))\\.?(:(\\d{1,5}))?((\\/|\\?|#)[^\\s]*)?$";

/* govalidator.IsEmail */
bool hgovalidator_is_email(harena *a, const char *s) { return rx_match(a, email_rx, s); }

static size_t rune_count(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* govalidator.IsURL */
bool hgovalidator_is_url(harena *a, const char *s)
{
	size_t n = strlen(s);
	if (!n || rune_count(s) >= 2083 || n <= 3 || s[0] == '.')
		return false;
	hbuf t = HBUF_INIT;
	if (strchr(s, ':') && !strstr(s, "://"))
		hbuf_puts(&t, "http://"); /* a bare host:port parses as a host */
	hbuf_puts(&t, s);
	if (!hbuf_ok(&t))
		return hbuf_free(&t), false;
	const char *raw = hbuf_cstr(&t), *hash = strchr(raw, '#');
	size_t rn = hash ? (size_t)(hash - raw) : t.len;
	gourl u;
	bool ok = url_parse_ok(raw, rn, false, &u) &&
	          (!hash || url_unescape_ok(hash + 1, strlen(hash + 1), ESC_FRAGMENT)) &&
	          !(u.hostlen && u.host[0] == '.') &&
	          !(!u.hostlen && u.pathlen && !memchr(u.path, '.', u.pathlen));
	hbuf_free(&t);
	return ok && rx_match(a, url_rx, s);
}
