/* kubever4.c - helm 4's --kube-version: common.ParseKubeVersion of pkg/chart/common/
 * capabilities.go (helm v4.1.4) over k8s.io/apimachinery's version.ParseGeneric. Helm 3.17
 * parses with Masterminds semver instead (objects.c).
 *
 * ParseGeneric matches `^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)*$`, needs two or more number
 * components, and refuses a leading zero in the first one only. The text itself, with a "v"
 * put in front when it has none, is Version and GitVersion(); "v" plus the numbers alone
 * is String(), the normalized form that templates print and kubeVersion constraints are
 * checked against (render/capabilities-kube-version: `1.29.3-gke.100` prints v1.29.3). */
#include "helm/objects.h"

#include <stdio.h>
#include <string.h>

static bool go_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

static bool isdig(char c) { return c >= '0' && c <= '9'; }

/* strconv.ParseUint(s, 10, 0) on a 64-bit build: false when out of range. */
static bool fits_uint64(const char *s, size_t n)
{
	while (n > 1 && *s == '0')
		s++, n--;
	return n < 20 || (n == 20 && memcmp(s, "18446744073709551615", 20) <= 0);
}

static char *dup_n(harena *a, const char *s, size_t n)
{
	char *d = harena_alloc(a, n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = 0;
	}
	return d;
}

bool hkubever4_parse(harena *a, const char *text, hkubever *out, herr *err)
{
	if (!text) {
		*out = (hkubever){"v1.35.0", "1", "35", "v1.35.0"};
		return true;
	}
	const char *p = text;
	while (go_space(*p))
		p++;
	if (*p == 'v')
		p++;
	if (!isdig(*p))
		return herr_set(err, HTMPL_ERR_USAGE,
		                "invalid kube version '%s': could not parse \"%s\" as version", text,
		                text);
	/* the numbers: digits, then `.digits` groups */
	const char *ns = p, *ne = p;
	size_t ncomp = 0;
	for (;;) {
		while (isdig(*ne))
			ne++;
		ncomp++;
		if (ne[0] == '.' && isdig(ne[1]))
			ne++;
		else
			break;
	}
	if (ncomp < 2)
		return herr_set(err, HTMPL_ERR_USAGE,
		                "invalid kube version '%s': illegal version string \"%s\"", text, text);
	const char *comp[2] = {0};
	size_t clen[2] = {0};
	for (const char *c = ns; c < ne;) {
		const char *e = c;
		while (e < ne && *e != '.')
			e++;
		size_t i = (size_t)(c == ns ? 0 : 1);
		if (c == ns && e - c > 1 && *c == '0')
			return herr_set(err, HTMPL_ERR_USAGE,
			                "invalid kube version '%s': illegal zero-prefixed version "
			                "component \"%.*s\" in \"%s\"", text, (int)(e - c), c, text);
		if (!fits_uint64(c, (size_t)(e - c)))
			return herr_set(err, HTMPL_ERR_USAGE,
			                "invalid kube version '%s': illegal non-numeric version component "
			                "\"%.*s\" in \"%s\": strconv.ParseUint: parsing \"%.*s\": value out "
			                "of range", text, (int)(e - c), c, text, (int)(e - c), c);
		if (i < 2 && !comp[i]) {
			comp[i] = c;
			clen[i] = (size_t)(e - c);
		}
		c = e < ne ? e + 1 : e;
	}
	/* Version: the text with a leading "v"; String(): "v" + the numbers, without leading
	 * zeros (components are printed with %d) */
	hbuf b = HBUF_INIT;
	if (text[0] != 'v')
		hbuf_putc(&b, 'v');
	hbuf_puts(&b, text);
	char *version = hbuf_ok(&b) ? dup_n(a, b.data, b.len) : NULL;
	hbuf_reset(&b);
	hbuf_putc(&b, 'v');
	for (const char *c = ns; c < ne;) {
		const char *e = c;
		while (e < ne && *e != '.')
			e++;
		while (e - c > 1 && *c == '0')
			c++;
		hbuf_put(&b, c, (size_t)(e - c));
		if (e < ne)
			hbuf_putc(&b, '.');
		c = e < ne ? e + 1 : e;
	}
	char *norm = hbuf_ok(&b) ? dup_n(a, b.data, b.len) : NULL;
	hbuf_free(&b);
	while (clen[1] > 1 && *comp[1] == '0')
		comp[1]++, clen[1]--;
	char *major = dup_n(a, comp[0], clen[0]), *minor = dup_n(a, comp[1], clen[1]);
	if (!version || !norm || !major || !minor)
		return herr_nomem(err);
	*out = (hkubever){version, major, minor, norm};
	return true;
}
