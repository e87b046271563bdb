/* utf8.c - UTF-8 decoding and encoding exactly as Go's unicode/utf8 does it, and the rune
 * classes strconv.Quote and fmt need (unicode.IsPrint, IsGraphic, IsSpace).
 *
 * Go's decoder accepts only shortest-form sequences of valid scalar values: no overlong
 * forms, no surrogates (ED A0..BF), nothing above U+10FFFF (F4 90.. and F5..FF). Anything
 * else yields U+FFFD with width 1, so a caller always makes progress. */
#include "core/utf8.h"

#include <utf8proc.h>

size_t hutf8_decode(const char *s, size_t n, int32_t *rune)
{
	const unsigned char *p = (const unsigned char *)s;
	*rune = HUTF8_ERROR;
	if (n == 0)
		return 0;
	unsigned c = p[0];
	if (c < 0x80) {
		*rune = (int32_t)c;
		return 1;
	}
	size_t need;
	unsigned lo = 0x80, hi = 0xBF; /* range of the second byte */
	int32_t r;
	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
		r = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		r = c & 0x0F;
		if (c == 0xE0)
			lo = 0xA0; /* overlong */
		else if (c == 0xED)
			hi = 0x9F; /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		r = c & 0x07;
		if (c == 0xF0)
			lo = 0x90; /* overlong */
		else if (c == 0xF4)
			hi = 0x8F; /* above U+10FFFF */
	} else {
		return 1;
	}
	if (n < need || p[1] < lo || p[1] > hi)
		return 1;
	r = (r << 6) | (p[1] & 0x3F);
	for (size_t i = 2; i < need; i++) {
		if (p[i] < 0x80 || p[i] > 0xBF)
			return 1;
		r = (r << 6) | (p[i] & 0x3F);
	}
	*rune = r;
	return need;
}

bool hutf8_valid_rune(int32_t r)
{
	return (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= HUTF8_MAX);
}

int hutf8_rune_len(int32_t r)
{
	if (r < 0)
		return -1;
	if (r < 0x80)
		return 1;
	if (r < 0x800)
		return 2;
	if (r >= 0xD800 && r <= 0xDFFF)
		return -1;
	if (r < 0x10000)
		return 3;
	return r <= HUTF8_MAX ? 4 : -1;
}

size_t hutf8_encode(int32_t r, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (!hutf8_valid_rune(r))
		r = HUTF8_ERROR;
	uint32_t u = (uint32_t)r;
	if (u < 0x80) {
		o[0] = (unsigned char)u;
		return 1;
	}
	if (u < 0x800) {
		o[0] = (unsigned char)(0xC0 | (u >> 6));
		o[1] = (unsigned char)(0x80 | (u & 0x3F));
		return 2;
	}
	if (u < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (u >> 12));
		o[1] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (u & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (u >> 18));
	o[1] = (unsigned char)(0x80 | ((u >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((u >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (u & 0x3F));
	return 4;
}

bool hutf8_valid(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		if (w == 1)
			return false; /* a multi-byte lead that did not decode */
		i += w;
	}
	return true;
}

size_t hutf8_count(const char *s, size_t n)
{
	size_t i = 0, count = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
		} else {
			int32_t r;
			i += hutf8_decode(s + i, n - i, &r);
		}
		count++;
	}
	return count;
}

/* Go's graphic classes are L, M, N, P, S (plus Zs for IsGraphic). */
static bool lmnps(int32_t r)
{
	switch (utf8proc_category(r)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME:
	case UTF8PROC_CATEGORY_ND: case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
	case UTF8PROC_CATEGORY_PC: case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE: case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO:
		return true;
	default:
		return false;
	}
}

bool hutf8_is_letter(int32_t r)
{
	if (r < 0x80)
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
	if (!hutf8_valid_rune(r))
		return false;
	switch (utf8proc_category(r)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
		return true;
	default:
		return false;
	}
}

bool hutf8_is_digit(int32_t r)
{
	if (r < 0x80)
		return r >= '0' && r <= '9';
	return hutf8_valid_rune(r) && utf8proc_category(r) == UTF8PROC_CATEGORY_ND;
}

bool hutf8_is_print(int32_t r)
{
	if (r < 0x80)
		return r >= 0x20 && r < 0x7F;
	if (!hutf8_valid_rune(r))
		return false;
	return lmnps(r);
}

bool hutf8_is_graphic(int32_t r)
{
	if (r < 0x80)
		return r >= 0x20 && r < 0x7F;
	if (!hutf8_valid_rune(r))
		return false;
	return lmnps(r) || utf8proc_category(r) == UTF8PROC_CATEGORY_ZS;
}

bool hutf8_is_space(int32_t r)
{
	switch (r) {
	case '\t': case '\n': case '\v': case '\f': case '\r': case ' ':
	case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
	case 0x205F: case 0x3000:
		return true;
	default:
		return r >= 0x2000 && r <= 0x200A;
	}
}

int32_t hutf8_unused_private(const char *s, size_t n, char follow)
{
	enum { FIRST = 0xE000, COUNT = 0xF8FF - 0xE000 + 1 };
	unsigned char used[COUNT / 8] = {0};
	const unsigned char *d = (const unsigned char *)s;
	size_t need = follow ? 3 : 2; /* bytes after the lead one that must exist */
	for (size_t i = 0; i + need < n; i++) {
		if ((d[i] != 0xEE && d[i] != 0xEF) || (d[i + 1] & 0xC0) != 0x80 || (d[i + 2] & 0xC0) != 0x80 ||
		    (follow && d[i + 3] != (unsigned char)follow))
			continue;
		unsigned cp = ((d[i] & 0x0Fu) << 12) | ((d[i + 1] & 0x3Fu) << 6) | (d[i + 2] & 0x3Fu);
		if (cp >= FIRST && cp < FIRST + COUNT)
			used[(cp - FIRST) / 8] |= (unsigned char)(1u << ((cp - FIRST) % 8));
	}
	for (unsigned k = 0; k < COUNT; k++)
		if (!(used[k / 8] & (1u << (k % 8))))
			return (int32_t)(FIRST + k);
	return -1;
}
