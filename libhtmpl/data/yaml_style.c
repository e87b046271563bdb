/* yaml_style.c - what both YAML emitters (yaml_emit.c for toYaml/goyaml.v2, yaml_pretty.c for
 * toYamlPretty/goyaml.v3) decide alike: goyaml's map key order (sorter.go keyList), the
 * base-60 float test of encode.go (isBase60Float), and the double-quoted escapes, including
 * the is_bom quirk. */
#include "data/yaml_style.h"
#include "core/utf8.h"

#include <string.h>
#include <utf8proc.h>

/* ---------------------------------------------------------------- strings */

bool hyaml_is_base60_float(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	if (i >= n || s[i] < '0' || s[i] > '9')
		return false;
	while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
		i++;
	int groups = 0;
	while (i < n && s[i] == ':') {
		size_t d = 0;
		i++;
		while (i + d < n && s[i + d] >= '0' && s[i + d] <= '9')
			d++;
		if (d == 0 || d > 2 || (d == 2 && s[i] > '5'))
			return false;
		i += d;
		groups++;
	}
	if (!groups)
		return false;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			i++;
	}
	return i == n;
}

/* encoder.stringv: the style goyaml asks libyaml for. */

void hyaml_escape_rune(hbuf *b, int32_t r)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *named = r == 0 ? "0" : r == 7 ? "a" : r == 8 ? "b" : r == 9 ? "t" : r == 10 ? "n" : r == 11 ? "v"
	                  : r == 12 ? "f" : r == 13 ? "r" : r == 0x1b ? "e" : r == '"' ? "\"" : r == '\\' ? "\\"
	                  : r == 0x85 ? "N" : r == 0xA0 ? "_" : r == 0x2028 ? "L" : r == 0x2029 ? "P" : NULL;
	hbuf_putc(b, '\\');
	if (named) {
		hbuf_putc(b, named[0]);
		return;
	}
	int digits = r <= 0xFF ? 2 : r <= 0xFFFF ? 4 : 8;
	hbuf_putc(b, digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
	for (int k = (digits - 1) * 4; k >= 0; k -= 4)
		hbuf_putc(b, hex[(r >> k) & 0xF]);
}

bool hyaml_starts_with_bom(const char *s, size_t n)
{
	return n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF;
}

size_t hyaml_quote_all(hbuf *b, const char *s, size_t n)
{
	size_t at = b->len;
	hbuf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		hyaml_escape_rune(b, r);
		i += w ? w : 1;
	}
	hbuf_putc(b, '"');
	return b->len - at;
}

/* ---------------------------------------------------------------- key order */

static bool is_letter(int32_t r)
{
	utf8proc_category_t c = utf8proc_category(r);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
	       c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO;
}

static bool is_digit(int32_t r)
{
	return r >= '0' && r <= '9' ? true : r < 0x80 ? false : utf8proc_category(r) == UTF8PROC_CATEGORY_ND;
}

static int32_t rune_at(const hstr *s, size_t i, size_t *w)
{
	unsigned char c = (unsigned char)s->data[i];
	if (c < 0x80) {
		*w = 1;
		return c;
	}
	int32_t r;
	*w = hutf8_decode(s->data + i, s->len - i, &r);
	if (!*w)
		*w = 1;
	return r;
}

/* A run of digits starting at byte i: its value as sorter.go computes it (r - '0' per rune,
 * so other Nd digits count oddly, as in Go) and its length in runes. */
static void digit_run(const hstr *s, size_t i, int64_t *val, size_t *count)
{
	while (i < s->len) {
		size_t w;
		int32_t r = rune_at(s, i, &w);
		if (!is_digit(r))
			break;
		/* Go's int arithmetic wraps on overflow; do it in unsigned to stay defined. */
		*val = (int64_t)((uint64_t)*val * 10 + (uint64_t)(int64_t)(r - '0'));
		i += w;
		++*count;
	}
}

/* sorter.go keyList.Less for two string keys, decoding runes on the fly. The backward scan
 * over the digits before a '0' becomes `nz`: whether the digit run just before the first
 * difference holds a non-zero digit. */
static bool key_less(const hstr *a, const hstr *b, bool v3)
{
	size_t i = 0, j = 0;
	bool nz = false, digits = false;
	while (i < a->len && j < b->len) {
		size_t wa, wb;
		int32_t ra = rune_at(a, i, &wa), rb = rune_at(b, j, &wb);
		if (ra == rb) {
			digits = is_digit(ra);
			nz = digits && (nz || ra != '0');
			i += wa, j += wb;
			continue;
		}
		bool al = is_letter(ra), bl = is_letter(rb);
		if (al && bl)
			return ra < rb;
		if (al || bl)
			return v3 && digits ? al : bl;
		int64_t an = 0, bn = 0;
		if ((ra == '0' || rb == '0') && nz)
			an = 1, bn = 1;
		size_t ac = 0, bc = 0;
		digit_run(a, i, &an, &ac);
		digit_run(b, j, &bn, &bc);
		if (an != bn)
			return an < bn;
		if (ac != bc) /* rune positions where the runs end */
			return ac < bc;
		return ra < rb;
	}
	return hutf8_count(a->data, a->len) < hutf8_count(b->data, b->len);
}

/* Stable merge sort; already ordered halves (the common case, since the input is in byte
 * order) are not merged, so sorted input costs n comparisons. */
static void merge_sort(hmap_entry **v, hmap_entry **tmp, size_t n, bool v3)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	merge_sort(v, tmp, h, v3);
	merge_sort(v + h, tmp, n - h, v3);
	if (!key_less(v[h]->key, v[h - 1]->key, v3))
		return;
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = key_less(v[j]->key, v[i]->key, v3) ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

hmap_entry **hyaml_sorted_keys(harena *a, hmap *m, bool v3, size_t *n)
{
	*n = hmap_len(m);
	hmap_entry **e = hmap_sorted(m);
	hmap_entry **v = harena_alloc(a, (*n + 1) * sizeof *v);
	hmap_entry **tmp = harena_alloc(a, (*n + 1) * sizeof *tmp);
	if ((*n && !e) || !v || !tmp)
		return NULL;
	if (*n)
		memcpy(v, e, *n * sizeof *v);
	merge_sort(v, tmp, *n, v3);
	return v;
}
