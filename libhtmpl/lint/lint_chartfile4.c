/* lint_chartfile4.c - the two Chart.yaml warnings helm 4.1.4's lint adds (pkg/chart/v2/lint/rules/
 * chartfile.go): validateChartYamlStrictFormat, a strict decode of chart.Metadata that names
 * the first unknown field (lint/chartfile-unknown-field), and
 * validateChartVersionStrictSemVerV2, Masterminds/semver v3.4.0's StrictNewVersion
 * (lint/chartfile-badversion). Helm 3.17 has neither. */
#include "lint/lint_chartfile4.h"

#include <string.h>
#include <strings.h>

static bool only(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]) || !s[i])
			return false;
	return true;
}

static const char digits[] = "0123456789";
static const char allowed[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-";

/* validatePrerelease / validateMetadata of v3.4.0: no empty identifier, only [0-9A-Za-z-],
 * and (prerelease) no numeric identifier with a leading zero. */
static bool idents_ok(const char *s, size_t n, bool pre)
{
	for (size_t i = 0; i <= n;) {
		const char *dot = memchr(s + i, '.', n - i);
		size_t e = dot ? (size_t)(dot - s) : n, len = e - i;
		if (!len)
			return false;
		if (pre && only(s + i, len, digits)) {
			if (len > 1 && s[i] == '0')
				return false;
		} else if (!only(s + i, len, allowed)) {
			return false;
		}
		i = e + 1;
		if (!dot)
			break;
	}
	return true;
}

/* A number segment: digits only, no leading zero, fits a uint64. */
static bool number_ok(const char *s, size_t n)
{
	if (!n || !only(s, n, digits) || (n > 1 && s[0] == '0'))
		return false;
	return n < 20 || (n == 20 && memcmp(s, "18446744073709551615", 20) <= 0);
}

bool hlint_semver_strict(const char *v)
{
	size_t n = strlen(v);
	const char *d1 = memchr(v, '.', n);
	const char *d2 = d1 ? memchr(d1 + 1, '.', n - (size_t)(d1 + 1 - v)) : NULL;
	if (!d2)
		return false;
	const char *p = d2 + 1, *e = v + n;
	const char *plus = memchr(p, '+', (size_t)(e - p));
	if (plus) {
		if (!idents_ok(plus + 1, (size_t)(e - plus - 1), false))
			return false;
		e = plus;
	}
	const char *dash = memchr(p, '-', (size_t)(e - p));
	if (dash) {
		if (!idents_ok(dash + 1, (size_t)(e - dash - 1), true))
			return false;
		e = dash;
	}
	return number_ok(v, (size_t)(d1 - v)) && number_ok(d1 + 1, (size_t)(d2 - d1 - 1)) &&
	       number_ok(p, (size_t)(e - p));
}

/* chart.Metadata's JSON names; encoding/json matches them case-insensitively, so only a key
 * matching none of them is unknown. */
static const char *const fields[] = {
	"name", "home", "sources", "version", "description", "keywords", "maintainers", "icon",
	"apiVersion", "condition", "tags", "appVersion", "deprecated", "annotations",
	"kubeVersion", "dependencies", "type",
};

const char *hlint_chart_unknown_field(const hv *md)
{
	if (!hv_is_map(md) || !md->m)
		return NULL;
	hmap_entry **e = hmap_sorted(md->m); /* the YAML-to-JSON step sorts the keys */
	for (size_t i = 0; e && i < hmap_len(md->m); i++) {
		bool known = false;
		for (size_t k = 0; k < sizeof fields / sizeof *fields && !known; k++)
			known = strlen(fields[k]) == e[i]->key->len &&
			        !strncasecmp(fields[k], e[i]->key->data, e[i]->key->len);
		if (!known)
			return e[i]->key->data;
	}
	return NULL;
}
