/* yaml_resolve.c - goyaml.v2's resolve.go: the type a plain YAML 1.1 scalar resolves to
 * (booleans y/yes/on..., ints in every base with underscores, base-60 numbers, floats, .inf
 * and .nan, nulls, timestamps) and the tag names its errors print. The loader (yaml_load.c)
 * applies it to each scalar node. */
#include "data/yaml_resolve.h"
#include "core/strconv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct word {
	const char *w;
	uint8_t t;
	bool b;
	double f; /* 1 = +Inf, -1 = -Inf, 0 = NaN, for YV_FLOAT */
} word;

/* resolve.go resolveMapList. */
static const word words[] = {
	{"y", YV_BOOL, true, 0}, {"Y", YV_BOOL, true, 0}, {"yes", YV_BOOL, true, 0},
	{"Yes", YV_BOOL, true, 0}, {"YES", YV_BOOL, true, 0}, {"true", YV_BOOL, true, 0},
	{"True", YV_BOOL, true, 0}, {"TRUE", YV_BOOL, true, 0}, {"on", YV_BOOL, true, 0},
	{"On", YV_BOOL, true, 0}, {"ON", YV_BOOL, true, 0}, {"n", YV_BOOL, false, 0},
	{"N", YV_BOOL, false, 0}, {"no", YV_BOOL, false, 0}, {"No", YV_BOOL, false, 0},
	{"NO", YV_BOOL, false, 0}, {"false", YV_BOOL, false, 0}, {"False", YV_BOOL, false, 0},
	{"FALSE", YV_BOOL, false, 0}, {"off", YV_BOOL, false, 0}, {"Off", YV_BOOL, false, 0},
	{"OFF", YV_BOOL, false, 0}, {"", YV_NULL, false, 0}, {"~", YV_NULL, false, 0},
	{"null", YV_NULL, false, 0}, {"Null", YV_NULL, false, 0}, {"NULL", YV_NULL, false, 0},
	{".nan", YV_FLOAT, false, 0}, {".NaN", YV_FLOAT, false, 0}, {".NAN", YV_FLOAT, false, 0},
	{".inf", YV_FLOAT, false, 1}, {".Inf", YV_FLOAT, false, 1}, {".INF", YV_FLOAT, false, 1},
	{"+.inf", YV_FLOAT, false, 1}, {"+.Inf", YV_FLOAT, false, 1}, {"+.INF", YV_FLOAT, false, 1},
	{"-.inf", YV_FLOAT, false, -1}, {"-.Inf", YV_FLOAT, false, -1}, {"-.INF", YV_FLOAT, false, -1},
};

static const word *lookup_word(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strlen(words[i].w) == n && memcmp(words[i].w, s, n) == 0)
			return &words[i];
	return NULL;
}

static int digit_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* strconv.ParseUint(s, 0, 64) without underscores: 0 ok, 1 syntax, 2 range. */
static int go_parse_uint0(const char *s, size_t n, uint64_t *out)
{
	int base = 10;
	if (n == 0)
		return 1;
	if (s[0] == '0') {
		char c = n >= 3 ? (char)(s[1] | 0x20) : 0;
		base = c == 'b' ? 2 : c == 'o' ? 8 : c == 'x' ? 16 : 8;
		size_t skip = base == 8 && c != 'o' ? 1 : 2;
		s += skip, n -= skip;
	}
	uint64_t v = 0;
	bool range = false;
	for (size_t i = 0; i < n; i++) {
		int d = digit_val(s[i]);
		if (d >= base)
			return 1;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			range = true;
		else
			v = v * (uint64_t)base + (uint64_t)d;
	}
	*out = v;
	return range ? 2 : 0;
}

/* strconv.ParseInt(s, 0, 64). */
static int go_parse_int0(const char *s, size_t n, int64_t *out)
{
	bool neg = false;
	if (n && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		s++, n--;
	}
	uint64_t u;
	int r = go_parse_uint0(s, n, &u);
	if (r == 1)
		return 1;
	if (r == 2 || (!neg && u >= (1ull << 63)) || (neg && u > (1ull << 63)))
		return 2;
	*out = neg ? (int64_t)(0 - u) : (int64_t)u;
	return 0;
}

static size_t digits(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && s[j] >= '0' && s[j] <= '9')
		j++;
	return j - i;
}

/* ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$ (resolve.go yamlStyleFloat) */
static bool yaml_style_float(const char *s, size_t n)
{
	size_t i = 0, d;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i < n && s[i] == '.') {
		if (!(d = digits(s, n, i + 1)))
			return false;
		i += 1 + d;
	} else {
		if (!(d = digits(s, n, i)))
			return false;
		i += d;
		if (i < n && s[i] == '.')
			i += 1 + digits(s, n, i + 1);
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (!(d = digits(s, n, i)))
			return false;
		i += d;
	}
	return i == n;
}

/* ParseFloat of text already known to be plain decimal syntax. False on overflow, as Go
 * reports ErrRange only for overflow. The text is digits, sign, '.', 'e' only, so the C
 * locale's decimal point is the only locale dependence; htmpl never calls setlocale. */
static bool parse_decimal(const char *s, size_t n, double *out)
{
	char buf[128];
	char *heap = NULL, *p = buf;
	if (n >= sizeof buf) {
		if (!(heap = malloc(n + 1)))
			return false;
		p = heap;
	}
	memcpy(p, s, n);
	p[n] = 0;
	errno = 0;
	double f = strtod(p, NULL);
	bool ok = !(errno == ERANGE && isinf(f));
	free(heap);
	*out = f;
	return ok;
}

/* getnum(value, false) of Go's time.Parse: one or two digits. */
static bool ts_num(const char *s, size_t n, size_t *i, int *v)
{
	size_t d = digits(s, n, *i);
	if (d == 0)
		return false;
	d = d > 2 ? 2 : d;
	*v = 0;
	for (size_t k = 0; k < d; k++)
		*v = *v * 10 + (s[*i + k] - '0');
	*i += d;
	return true;
}

static bool ts_lit(const char *s, size_t n, size_t *i, char c)
{
	if (*i < n && s[*i] == c)
		return ++*i, true;
	return false;
}

/* parseTimestamp of resolve.go: time.Parse with "2006-1-2T15:4:5.999999999Z07:00" (also
 * with 't'), "2006-1-2 15:4:5.999999999" and "2006-1-2", including Go's range checks. */
static bool is_timestamp(const char *s, size_t n)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	size_t i = 4;
	int y, mo, d, h, mi, se;
	if (n < 5 || digits(s, n, 0) != 4 || s[4] != '-')
		return false;
	y = atoi(s);
	i = 5;
	if (!ts_num(s, n, &i, &mo) || mo < 1 || mo > 12 || !ts_lit(s, n, &i, '-') || !ts_num(s, n, &i, &d))
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (d < 1 || d > mdays[mo - 1] || (mo == 2 && d == 29 && !leap))
		return false;
	if (i == n)
		return true;
	char sep = s[i++];
	if (sep != 'T' && sep != 't' && sep != ' ')
		return false;
	if (!ts_num(s, n, &i, &h) || h > 23 || !ts_lit(s, n, &i, ':') || !ts_num(s, n, &i, &mi) ||
	    mi > 59 || !ts_lit(s, n, &i, ':') || !ts_num(s, n, &i, &se) || se > 59)
		return false;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',') && s[i + 1] >= '0' && s[i + 1] <= '9')
		i += 1 + digits(s, n, i + 1);
	if (sep == ' ')
		return i == n;
	if (i < n && s[i] == 'Z')
		return i + 1 == n;
	return i + 6 == n && (s[i] == '+' || s[i] == '-') && digits(s, n, i + 1) == 2 && s[i + 3] == ':' &&
	       digits(s, n, i + 4) == 2 && atoi(s + i + 1) <= 24 && atoi(s + i + 4) <= 59;
}

const char *hyaml_short_tag(const char *tag, char *buf, size_t cap)
{
	size_t pl = sizeof HYAML_TAG_PREFIX - 1;
	if (tag && strncmp(tag, HYAML_TAG_PREFIX, pl) == 0) {
		snprintf(buf, cap, "!!%s", tag + pl);
		return buf;
	}
	return tag ? tag : "";
}

bool hyaml_tag_is(const char *tag, const char *name)
{
	size_t pl = sizeof HYAML_TAG_PREFIX - 1;
	return tag && strncmp(tag, HYAML_TAG_PREFIX, pl) == 0 && strcmp(tag + pl, name) == 0;
}

/* The implicit resolution of resolve.go for untagged (or !!int/!!float...) text. Sets
 * *ts when the text is a timestamp (kept as a string). */
void hyaml_resolve_implicit(const char *in, size_t n, const char *tag, yval *v, bool *ts)
{
	v->t = YV_STR, v->s = in, v->n = n;
	*ts = false;
	char h = n == 0 ? 'N' : in[0];
	bool hint = n == 0 || strchr("+-0123456789yYnNtTfFoO~.", h) != NULL;
	if (!hint || h == 0)
		return;
	const word *w = lookup_word(in, n);
	if (w) {
		v->t = w->t, v->b = w->b;
		v->f = w->f > 0 ? INFINITY : w->f < 0 ? -INFINITY : NAN;
		return;
	}
	if (h == '.') {
		if (yaml_style_float(in, n) && parse_decimal(in, n, &v->f))
			v->t = YV_FLOAT;
		return;
	}
	if (!((h >= '0' && h <= '9') || h == '+' || h == '-'))
		return;
	if ((!tag || hyaml_tag_is(tag, "timestamp")) && is_timestamp(in, n)) {
		*ts = true;
		return;
	}
	char sbuf[128];
	char *plain = n < sizeof sbuf ? sbuf : malloc(n + 1);
	if (!plain)
		return;
	size_t pn = 0;
	for (size_t i = 0; i < n; i++)
		if (in[i] != '_')
			plain[pn++] = in[i];
	if (go_parse_int0(plain, pn, &v->i) == 0)
		v->t = YV_INT;
	else if (go_parse_uint0(plain, pn, &v->u) == 0)
		v->t = YV_UINT;
	else if (yaml_style_float(plain, pn) && parse_decimal(plain, pn, &v->f))
		v->t = YV_FLOAT;
	if (plain != sbuf)
		free(plain);
}

/* The tag goyaml.v2's resolve("", s) gives plain text (toYaml's quoting decision). */
hyaml_kind hyaml_resolve_plain(const char *s, size_t n)
{
	yval v;
	bool ts;
	hyaml_resolve_implicit(s, n, NULL, &v, &ts);
	if (ts)
		return HYAML_TIMESTAMP;
	static const hyaml_kind kinds[] = {HYAML_STR, HYAML_INT, HYAML_INT, HYAML_FLOAT, HYAML_BOOL,
	                                   HYAML_NULL};
	return kinds[v.t];
}

const char *hyaml_yv_tag(const yval *v, bool ts)
{
	static const char *const names[] = {"str", "int", "int", "float", "bool", "null"};
	return ts ? "timestamp" : names[v->t];
}
