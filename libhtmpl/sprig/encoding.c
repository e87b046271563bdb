/* fn_encoding.c - Sprig v3.3.0's encodings, hashes, paths and URLs: strings.go base64/base32
 * (Go's encoding/base64 and base32 StdEncoding; a decode error returns its message as the
 * result), crypto.go sha1sum/sha256sum/sha512sum/adler32sum (libcrypto SHA, zlib), the `path`
 * and `path/filepath` functions of functions.go (identical on Linux), and url.go urlParse /
 * urlJoin over Go's net/url Parse and URL.String. */
#include "sprig/sprig.h"
#include "core/codec.h"
#include "core/path.h"
#include "value/env.h"
#include "core/strconv.h"

#define OPENSSL_SUPPRESS_DEPRECATED /* SHAx_Init and friends: see digest() */
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>


#define SD(i) (argv[i].s->data)
#define SL(i) (argv[i].s->len)

/* ------------------------------------------------------------------ base64, base32 */

static const char B32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

static bool nl(unsigned char ch) { return ch == '\n' || ch == '\r'; }

static bool fn_b64enc(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	hcodec_b64_encode(&b, SD(0), SL(0));
	return hcall_string_buf(c, &b, out);
}

/* Sprig's base64decode returns the decode error's text as the result. */
static bool fn_b64dec(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	long at = hcodec_b64_decode(&b, SD(0), SL(0));
	if (at >= 0) {
		hbuf_reset(&b);
		hbuf_printf(&b, "illegal base64 data at input byte %ld", at);
	}
	return hcall_string_buf(c, &b, out);
}

static bool fn_b32enc(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const unsigned char *s = (const unsigned char *)SD(0);
	size_t n = SL(0);
	hbuf b = HBUF_INIT;
	static const int chars_for[] = {0, 2, 4, 5, 7, 8};
	for (size_t i = 0; i < n; i += 5) {
		size_t k = n - i < 5 ? n - i : 5;
		uint64_t v = 0;
		for (size_t j = 0; j < 5; j++)
			v = v << 8 | (j < k ? s[i + j] : 0);
		char q[8];
		for (int j = 0; j < 8; j++)
			q[j] = j < chars_for[k] ? B32[(v >> (35 - 5 * j)) & 31] : '=';
		hbuf_put(&b, q, 8);
	}
	return hcall_string_buf(c, &b, out);
}

/* base32.StdEncoding.DecodeString: newlines are stripped first, then quanta of 8. */
static long b32_decode(const unsigned char *src, size_t olen, hbuf *b)
{
	size_t pos = 0;
	bool end = false;
	while (pos < olen && !end) {
		int dbuf[8] = {0};
		size_t dlen = 8;
		for (size_t j = 0; j < 8;) {
			size_t left = olen - pos;
			if (left == 0)
				return (long)(olen - j) + 1;
			unsigned char in = src[pos++];
			left--;
			if (in == '=' && j >= 2 && left < 8) {
				if (left + j < 7)
					return (long)olen + 1;
				for (size_t k = 0; k < 7 - j; k++)
					if (left > k && src[pos + k] != '=')
						return (long)(pos + k - 1) + 1;
				dlen = j, end = true;
				if (dlen == 1 || dlen == 3 || dlen == 6)
					return (long)(pos - 1) + 1;
				break;
			}
			const char *p = in ? strchr(B32, in) : NULL;
			if (!p)
				return (long)(pos - 1) + 1;
			dbuf[j++] = (int)(p - B32);
		}
		uint64_t v = 0;
		for (int j = 0; j < 8; j++)
			v = v << 5 | (uint64_t)dbuf[j];
		static const size_t bytes_for[] = {0, 0, 1, 0, 2, 3, 0, 4, 5};
		for (size_t j = 0; j < bytes_for[dlen]; j++)
			hbuf_putc(b, (char)(v >> (32 - 8 * j)));
	}
	return 0;
}

static bool fn_b32dec(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf src = HBUF_INIT, b = HBUF_INIT;
	for (size_t i = 0; i < SL(0); i++)
		if (!nl((unsigned char)SD(0)[i]))
			hbuf_putc(&src, SD(0)[i]);
	long r = hbuf_ok(&src) ? b32_decode((const unsigned char *)src.data, src.len, &b) : 0;
	hbuf_free(&src);
	if (r > 0) {
		hbuf_reset(&b);
		hbuf_printf(&b, "illegal base32 data at input byte %ld", r - 1);
	}
	return hcall_string_buf(c, &b, out);
}

/* ------------------------------------------------------------------ hashes */

/* Sprig's sha1sum, sha256sum and sha512sum: lower-case hex of the digest. The low-level
 * SHAx_Init/Update/Final run the algorithm directly; OpenSSL 3's EVP path (and the one-shot
 * SHA256(), which calls it) fetches the implementation on every call and reads openssl.cnf
 * on the first, together about a fifth of a small chart's render (callgrind, todo-app).
 * They are deprecated since 3.0 but kept: nothing else gives the plain hash without that. */
typedef enum { D_SHA1, D_SHA256, D_SHA512 } dkind;

static unsigned hash(dkind k, const void *p, size_t n, unsigned char *h)
{
	switch (k) {
	case D_SHA1: {
		SHA_CTX x;
		SHA1_Init(&x), SHA1_Update(&x, p, n), SHA1_Final(h, &x);
		return SHA_DIGEST_LENGTH;
	}
	case D_SHA256: {
		SHA256_CTX x;
		SHA256_Init(&x), SHA256_Update(&x, p, n), SHA256_Final(h, &x);
		return SHA256_DIGEST_LENGTH;
	}
	default: {
		SHA512_CTX x;
		SHA512_Init(&x), SHA512_Update(&x, p, n), SHA512_Final(h, &x);
		return SHA512_DIGEST_LENGTH;
	}
	}
}

static bool digest(hcall *c, const hv *s, dkind k, hv *out)
{
	unsigned char h[SHA512_DIGEST_LENGTH];
	unsigned n = hash(k, s->s->data, s->s->len, h);
	char hex[2 * SHA512_DIGEST_LENGTH];
	for (unsigned i = 0; i < n; i++) {
		hex[2 * i] = "0123456789abcdef"[h[i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[h[i] & 15];
	}
	return htmpl_call_string(c, hex, 2 * n, out);
}

static bool fn_sha1sum(hcall *c, size_t argc, const hv *argv, hv *out) { return digest(c, &argv[0], D_SHA1, out); }
static bool fn_sha256sum(hcall *c, size_t argc, const hv *argv, hv *out) { return digest(c, &argv[0], D_SHA256, out); }
static bool fn_sha512sum(hcall *c, size_t argc, const hv *argv, hv *out) { return digest(c, &argv[0], D_SHA512, out); }

static bool fn_adler32sum(hcall *c, size_t argc, const hv *argv, hv *out)
{
	uLong a = adler32(0L, Z_NULL, 0);
	const Bytef *p = (const Bytef *)SD(0);
	for (size_t left = SL(0); left > 0;) {
		uInt k = left > 1u << 30 ? 1u << 30 : (uInt)left;
		a = adler32(a, p, k);
		p += k, left -= k;
	}
	char t[16];
	int n = snprintf(t, sizeof t, "%lu", (unsigned long)a);
	return htmpl_call_string(c, t, (size_t)n, out);
}

/* ------------------------------------------------------------------ paths (Go's path) */

static bool fn_clean(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	hpath_clean(&b, SD(0), SL(0));
	return hcall_string_buf(c, &b, out);
}

static bool fn_base(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *p = SD(0);
	size_t n = SL(0);
	if (n == 0)
		return htmpl_call_string(c, ".", 1, out);
	while (n > 0 && p[n - 1] == '/')
		n--;
	if (n == 0)
		return htmpl_call_string(c, "/", 1, out);
	size_t i = n;
	while (i > 0 && p[i - 1] != '/')
		i--;
	return htmpl_call_string(c, p + i, n - i, out);
}

static bool fn_dir(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *p = SD(0);
	size_t i = SL(0);
	while (i > 0 && p[i - 1] != '/')
		i--;
	hbuf b = HBUF_INIT;
	hpath_clean(&b, p, i);
	return hcall_string_buf(c, &b, out);
}

static bool fn_ext(hcall *c, size_t argc, const hv *argv, hv *out)
{
	const char *p = SD(0);
	for (size_t i = SL(0); i > 0 && p[i - 1] != '/'; i--)
		if (p[i - 1] == '.')
			return htmpl_call_string(c, p + i - 1, SL(0) - i + 1, out);
	return htmpl_call_string(c, "", 0, out);
}

static bool fn_isAbs(hcall *c, size_t argc, const hv *argv, hv *out)
{
	*out = hv_bool(SL(0) > 0 && SD(0)[0] == '/');
	return true;
}

/* ------------------------------------------------------------------ net/url */

enum { ENC_PATH, ENC_HOST, ENC_USER, ENC_QUERY, ENC_FRAGMENT };

static bool url_should_escape(unsigned char ch, int mode)
{
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
		return false;
	if (mode == ENC_HOST && strchr("!$&'()*+,;=:[]<>\"", ch) && ch)
		return false;
	if (ch && strchr("-_.~", ch))
		return false;
	if (ch && strchr("$&+,/:;=?@", ch)) {
		switch (mode) {
		case ENC_PATH: return ch == '?';
		case ENC_USER: return ch == '@' || ch == '/' || ch == '?' || ch == ':';
		case ENC_QUERY: return true;
		case ENC_FRAGMENT: return false;
		}
	}
	if (mode == ENC_FRAGMENT && ch && strchr("!()*", ch))
		return false;
	return true;
}

static void url_escape(hbuf *b, const char *s, size_t n, int mode)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' && mode == ENC_QUERY)
			hbuf_putc(b, '+');
		else if (url_should_escape(ch, mode))
			hbuf_printf(b, "%%%02X", ch);
		else
			hbuf_putc(b, (char)ch);
	}
}

/* net/url unescape; on error *err gets Go's message. */
static bool url_unescape(hbuf *b, const char *s, size_t n, int mode, hbuf *err)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '%') {
			int h = i + 2 < n ? hcodec_unhex((unsigned char)s[i + 1]) : -1;
			int l = i + 2 < n ? hcodec_unhex((unsigned char)s[i + 2]) : -1;
			if (h < 0 || l < 0) {
				size_t k = n - i < 3 ? n - i : 3;
				hbuf_printf(err, "invalid URL escape \"%.*s\"", (int)k, s + i);
				return false;
			}
			if (mode == ENC_HOST && h < 8 && memcmp(s + i, "%25", 3) != 0) {
				hbuf_printf(err, "invalid URL escape \"%.*s\"", 3, s + i);
				return false;
			}
			hbuf_putc(b, (char)(h * 16 + l));
			i += 2;
		} else {
			if (mode == ENC_HOST && ch < 0x80 && url_should_escape(ch, mode)) {
				hbuf_puts(err, "invalid character ");
				char q[2] = {(char)ch, 0};
				hbuf_printf(err, "\"%s\" in host name", q);
				return false;
			}
			hbuf_putc(b, (char)(ch == '+' && mode == ENC_QUERY ? ' ' : ch));
		}
	}
	return true;
}

typedef struct gourl {
	hbuf scheme, opaque, host, path, query, fragment, user, pass;
	bool has_user, has_pass, omit_host, force_query;
} gourl;

static void url_free(gourl *u)
{
	hbuf *bs[] = {&u->scheme, &u->opaque, &u->host, &u->path, &u->query, &u->fragment, &u->user, &u->pass};
	for (size_t i = 0; i < sizeof bs / sizeof *bs; i++)
		hbuf_free(bs[i]);
}

static bool valid_port(const char *p, size_t n)
{
	if (n == 0)
		return true;
	if (p[0] != ':')
		return false;
	for (size_t i = 1; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static const char *memrchr_c(const char *s, size_t n, char ch)
{
	for (size_t i = n; i > 0; i--)
		if (s[i - 1] == ch)
			return s + i - 1;
	return NULL;
}

static bool parse_host(gourl *u, const char *h, size_t n, hbuf *err)
{
	const char *port = NULL;
	if (n && h[0] == '[') {
		const char *e = memrchr_c(h, n, ']');
		if (!e) {
			hbuf_puts(err, "missing ']' in host");
			return false;
		}
		port = e + 1;
	} else {
		port = memrchr_c(h, n, ':');
	}
	if (port && !valid_port(port, (size_t)(h + n - port))) {
		hbuf_puts(err, "invalid port \"");
		hbuf_put(err, port, (size_t)(h + n - port));
		hbuf_puts(err, "\" after host");
		return false;
	}
	return url_unescape(&u->host, h, n, ENC_HOST, err);
}

static bool valid_userinfo(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
			continue;
		if (!strchr("-._:~!$&'()*+,;=%@", ch) || !ch)
			return false;
	}
	return true;
}

static bool parse_authority(gourl *u, const char *a, size_t n, hbuf *err)
{
	const char *at = memrchr_c(a, n, '@');
	if (!parse_host(u, at ? at + 1 : a, at ? (size_t)(a + n - at - 1) : n, err))
		return false;
	if (!at)
		return true;
	size_t un = (size_t)(at - a);
	if (!valid_userinfo(a, un)) {
		hbuf_puts(err, "net/url: invalid userinfo");
		return false;
	}
	u->has_user = true;
	const char *colon = memchr(a, ':', un);
	if (!colon)
		return url_unescape(&u->user, a, un, ENC_USER, err);
	u->has_pass = true;
	return url_unescape(&u->user, a, (size_t)(colon - a), ENC_USER, err) &&
	       url_unescape(&u->pass, colon + 1, un - (size_t)(colon - a) - 1, ENC_USER, err);
}

/* getScheme: returns the scheme length (0 none) or -1 for "missing protocol scheme". */
static long get_scheme(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
			continue;
		if ((ch >= '0' && ch <= '9') || ch == '+' || ch == '-' || ch == '.') {
			if (i == 0)
				return 0;
			continue;
		}
		if (ch == ':')
			return i == 0 ? -1 : (long)i;
		return 0;
	}
	return 0;
}

/* net/url parse(rawURL, viaRequest=false) */
static bool url_parse_main(gourl *u, const char *s, size_t n, hbuf *err)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
			hbuf_puts(err, "net/url: invalid control character in URL");
			return false;
		}
	if (n == 1 && s[0] == '*') {
		hbuf_putc(&u->path, '*');
		return true;
	}
	long sl = get_scheme(s, n);
	if (sl < 0) {
		hbuf_puts(err, "missing protocol scheme");
		return false;
	}
	for (long i = 0; i < sl; i++)
		hbuf_putc(&u->scheme, (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]));
	const char *rest = sl ? s + sl + 1 : s;
	size_t rl = (size_t)(s + n - rest);
	const char *q = memchr(rest, '?', rl);
	if (q && q == rest + rl - 1) {
		u->force_query = true;
		rl--;
	} else if (q) {
		hbuf_put(&u->query, q + 1, (size_t)(rest + rl - q - 1));
		rl = (size_t)(q - rest);
	}
	if (rl == 0 || rest[0] != '/') {
		if (sl) {
			hbuf_put(&u->opaque, rest, rl);
			return true;
		}
		const char *slash = memchr(rest, '/', rl);
		size_t seg = slash ? (size_t)(slash - rest) : rl;
		if (memchr(rest, ':', seg)) {
			hbuf_puts(err, "first path segment in URL cannot contain colon");
			return false;
		}
	}
	bool three = rl >= 3 && memcmp(rest, "///", 3) == 0;
	if ((sl || !three) && rl >= 2 && rest[0] == '/' && rest[1] == '/') {
		const char *a = rest + 2;
		size_t an = rl - 2;
		const char *slash = memchr(a, '/', an);
		size_t alen = slash ? (size_t)(slash - a) : an;
		if (!parse_authority(u, a, alen, err))
			return false;
		rest = a + alen, rl = an - alen;
	} else if (sl && rl && rest[0] == '/') {
		u->omit_host = true;
	}
	return url_unescape(&u->path, rest, rl, ENC_PATH, err);
}

/* url.Parse: on failure *err holds `parse "RAW": MSG` (RAW Go-quoted). */
static bool url_parse(gourl *u, const char *s, size_t n, hbuf *err)
{
	const char *hash = memchr(s, '#', n);
	size_t un = hash ? (size_t)(hash - s) : n;
	hbuf msg = HBUF_INIT;
	bool ok = url_parse_main(u, s, un, &msg);
	if (ok && hash)
		ok = url_unescape(&u->fragment, hash + 1, n - un - 1, ENC_FRAGMENT, &msg);
	else if (!ok)
		n = un;
	if (!ok) {
		/* url.Error prints the URL with %q */
		hbuf_puts(err, "parse ");
		hstrconv_quote(err, s, n, false);
		hbuf_puts(err, ": ");
		hbuf_put(err, msg.data, msg.len);
	}
	hbuf_free(&msg);
	return ok;
}

static bool map_put(hcall *c, hmap *m, const char *k, const hbuf *b)
{
	hv v;
	return hv_string(c->arena, b->data ? b->data : "", b->len, &v) && hmap_set(m, k, strlen(k), v);
}

static void userinfo_string(hbuf *b, const gourl *u)
{
	url_escape(b, u->user.data, u->user.len, ENC_USER);
	if (u->has_pass) {
		hbuf_putc(b, ':');
		url_escape(b, u->pass.data, u->pass.len, ENC_USER);
	}
}

static bool fn_urlParse(hcall *c, size_t argc, const hv *argv, hv *out)
{
	gourl u = {0};
	hbuf err = HBUF_INIT, hostname = HBUF_INIT, ui = HBUF_INIT;
	bool ok = url_parse(&u, SD(0), SL(0), &err);
	if (!ok) {
		hcall_errorf(c, "unable to parse url: %.*s", (int)err.len, err.data ? err.data : "");
		goto done;
	}
	/* Hostname(): drop a valid :port, then brackets */
	const char *h = u.host.data ? u.host.data : "";
	size_t hn = u.host.len;
	const char *colon = memrchr_c(h, hn, ':');
	if (colon && valid_port(colon, (size_t)(h + hn - colon)))
		hn = (size_t)(colon - h);
	if (hn >= 2 && h[0] == '[' && h[hn - 1] == ']')
		h++, hn -= 2;
	hbuf_put(&hostname, h, hn);
	if (u.has_user)
		userinfo_string(&ui, &u);
	hmap *m = hmap_new(c->arena, 8);
	ok = m && map_put(c, m, "scheme", &u.scheme) && map_put(c, m, "host", &u.host) &&
	     map_put(c, m, "hostname", &hostname) && map_put(c, m, "path", &u.path) &&
	     map_put(c, m, "query", &u.query) && map_put(c, m, "opaque", &u.opaque) &&
	     map_put(c, m, "fragment", &u.fragment) && map_put(c, m, "userinfo", &ui);
	if (!ok)
		hcall_nomem(c);
	else
		*out = hv_of_map(HT_MAP, m);
done:
	url_free(&u);
	hbuf_free(&err);
	hbuf_free(&hostname);
	hbuf_free(&ui);
	return ok;
}

/* dictGetOrEmpty: a missing key is "", a non-string value panics. */
static bool dict_get(hcall *c, hmap *m, const char *k, const char **s, size_t *n)
{
	hv *v = hmap_gets(m, k);
	*s = "", *n = 0;
	if (!v)
		return true;
	if (hv_is_nil(v))
		return hcall_errorf(c, "runtime error: invalid memory address or nil pointer dereference");
	if (v->type != HT_STRING)
		return hcall_errorf(c, "unable to parse %s key, must be of type string, but %s found", k,
		                    hv_kind_name(hv_kind_of(v)));
	*s = v->s->data, *n = v->s->len;
	return true;
}

/* URL.String() */
static void url_string(hbuf *b, const gourl *u, const hbuf *ui, bool has_user)
{
	if (u->scheme.len) {
		hbuf_put(b, u->scheme.data, u->scheme.len);
		hbuf_putc(b, ':');
	}
	if (u->opaque.len) {
		hbuf_put(b, u->opaque.data, u->opaque.len);
	} else {
		if (u->scheme.len || u->host.len || has_user) {
			if (u->host.len || u->path.len || has_user)
				hbuf_puts(b, "//");
			if (has_user) {
				hbuf_put(b, ui->data, ui->len);
				hbuf_putc(b, '@');
			}
			url_escape(b, u->host.data, u->host.len, ENC_HOST);
		}
		hbuf p = HBUF_INIT;
		if (u->path.len == 1 && u->path.data[0] == '*')
			hbuf_putc(&p, '*');
		else
			url_escape(&p, u->path.data, u->path.len, ENC_PATH);
		if (p.len && p.data[0] != '/' && u->host.len)
			hbuf_putc(b, '/');
		if (b->len == 0 && p.len) {
			const char *sl = memchr(p.data, '/', p.len);
			size_t seg = sl ? (size_t)(sl - p.data) : p.len;
			if (memchr(p.data, ':', seg))
				hbuf_puts(b, "./");
		}
		hbuf_put(b, p.data, p.len);
		hbuf_free(&p);
	}
	if (u->query.len) {
		hbuf_putc(b, '?');
		hbuf_put(b, u->query.data, u->query.len);
	}
	if (u->fragment.len) {
		hbuf_putc(b, '#');
		url_escape(b, u->fragment.data, u->fragment.len, ENC_FRAGMENT);
	}
}

static bool fn_urlJoin(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hmap *m = argv[0].m;
	gourl u = {0}, tmp = {0};
	static const char *keys[] = {"scheme", "host", "path", "query", "opaque", "fragment"};
	hbuf *dst[] = {&u.scheme, &u.host, &u.path, &u.query, &u.opaque, &u.fragment};
	hbuf ui = HBUF_INIT, err = HBUF_INIT, b = HBUF_INIT;
	bool ok = true;
	const char *s, *uis;
	size_t n, uin;
	for (size_t i = 0; ok && i < 6; i++)
		if ((ok = dict_get(c, m, keys[i], &s, &n)))
			hbuf_put(dst[i], s, n);
	ok = ok && dict_get(c, m, "userinfo", &uis, &uin);
	bool has_user = false;
	if (ok && uin) {
		hbuf raw = HBUF_INIT;
		hbuf_printf(&raw, "proto://%.*s@host", (int)uin, uis);
		ok = url_parse(&tmp, raw.data, raw.len, &err);
		hbuf_free(&raw);
		if (!ok)
			hcall_errorf(c, "unable to parse userinfo in dict: %.*s", (int)err.len, err.data);
		else if ((has_user = tmp.has_user))
			userinfo_string(&ui, &tmp);
	}
	if (ok) {
		url_string(&b, &u, &ui, has_user);
		ok = hcall_string_buf(c, &b, out);
	}
	hbuf_free(&b);
	hbuf_free(&ui);
	hbuf_free(&err);
	url_free(&u);
	url_free(&tmp);
	return ok;
}

/* ------------------------------------------------------------------ registration */

static const hfunc_def defs[] = {
	{"b64enc", fn_b64enc, "s"},
	{"b64dec", fn_b64dec, "s"},
	{"b32enc", fn_b32enc, "s"},
	{"b32dec", fn_b32dec, "s"},
	{"sha1sum", fn_sha1sum, "s"},
	{"sha256sum", fn_sha256sum, "s"},
	{"sha512sum", fn_sha512sum, "s"},
	{"adler32sum", fn_adler32sum, "s"},
	{"base", fn_base, "s"},
	{"dir", fn_dir, "s"},
	{"clean", fn_clean, "s"},
	{"ext", fn_ext, "s"},
	{"isAbs", fn_isAbs, "s"},
	{"osBase", fn_base, "s"},
	{"osDir", fn_dir, "s"},
	{"osClean", fn_clean, "s"},
	{"osExt", fn_ext, "s"},
	{"osIsAbs", fn_isAbs, "s"},
	{"urlParse", fn_urlParse, "s"},
	{"urlJoin", fn_urlJoin, "m"},
};

bool hsprig_encoding(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
