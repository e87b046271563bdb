/* codec.c - base64 (Go's encoding/base64 StdEncoding: Encode, Decode with decodeQuantum's
 * padding rules and CorruptInputError offsets) and hex digits, shared by every module that
 * encodes or decodes them (see codec.h). Pinned by tests/unit/test_codec.c. */
#include "core/codec.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

static const char STD[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* ------------------------------------------------------------------ encode */

size_t hcodec_b64_encoded_len(size_t n)
{
	return n / 3 * 4 + (n % 3 ? 4 : 0);
}

size_t hcodec_b64_encode_to(char *dst, const void *src, size_t n)
{
	const unsigned char *s = src;
	size_t o = 0;
	for (size_t i = 0; i < n; i += 3) {
		size_t k = n - i < 3 ? n - i : 3;
		uint32_t v = (uint32_t)s[i] << 16;
		if (k > 1)
			v |= (uint32_t)s[i + 1] << 8;
		if (k > 2)
			v |= s[i + 2];
		dst[o++] = STD[v >> 18];
		dst[o++] = STD[(v >> 12) & 63];
		dst[o++] = k > 1 ? STD[(v >> 6) & 63] : '=';
		dst[o++] = k > 2 ? STD[v & 63] : '=';
	}
	return o;
}

void hcodec_b64_encode(hbuf *b, const void *src, size_t n)
{
	/* The length computation must not wrap: such an input cannot exist in memory twice. */
	if (n > ((size_t)-1 / 2) / 4 * 3) {
		b->oom = true;
		return;
	}
	size_t len = hcodec_b64_encoded_len(n);
	if (!len || !hbuf_grow(b, len))
		return;
	b->len += hcodec_b64_encode_to(b->data + b->len, src, n);
	b->data[b->len] = 0;
}

/* ------------------------------------------------------------------ decode */

static int digit(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static bool is_nl(unsigned char c)
{
	return c == '\n' || c == '\r';
}

static void skip_nl(const unsigned char *s, size_t n, size_t *si)
{
	while (*si < n && is_nl(s[*si]))
		(*si)++;
}

/* A '=' was the (j+1)th character of a quantum, j being 2 or 3: "xx==" needs its second
 * '=', and only newlines may follow. Go reports a missing second '=' at the byte before
 * the one that should have been it, and the end of input at len(src). */
static long after_pad(const unsigned char *s, size_t n, size_t *si, size_t j)
{
	if (j == 2) {
		skip_nl(s, n, si);
		if (*si == n)
			return (long)n;
		if (s[*si] != '=')
			return (long)*si - 1;
		(*si)++;
	}
	skip_nl(s, n, si);
	return *si < n ? (long)*si : -1;
}

/* decodeQuantum: one group of four digits (newlines skipped) from *si. Sets *k to the
 * bytes it put in out and *end when the input is finished; returns -1 or an error offset.
 * Like Go, the bytes of a padded quantum count even when garbage follows it. */
static long quantum(const unsigned char *s, size_t n, size_t *si, unsigned char out[3], size_t *k,
		    bool *end)
{
	uint32_t v[4] = {0, 0, 0, 0};
	size_t j = 0;
	long err = -1;
	*k = 0;
	while (j < 4) {
		if (*si == n) {
			*end = true;
			return j == 0 ? -1 : (long)(*si - j);
		}
		unsigned char c = s[(*si)++];
		int x = digit(c);
		if (x >= 0) {
			v[j++] = (uint32_t)x;
			continue;
		}
		if (is_nl(c))
			continue;
		if (c != '=' || j < 2)
			return (long)(*si - 1);
		err = after_pad(s, n, si, j);
		*end = true;
		break;
	}
	uint32_t val = v[0] << 18 | v[1] << 12 | v[2] << 6 | v[3];
	out[0] = (unsigned char)(val >> 16);
	out[1] = (unsigned char)(val >> 8);
	out[2] = (unsigned char)val;
	*k = j - 1;
	return err;
}

size_t hcodec_b64_decoded_max(size_t n)
{
	return n / 4 * 3 + 3;
}

long hcodec_b64_decode_to(void *dst, size_t *dlen, const void *src, size_t n)
{
	const unsigned char *s = src;
	unsigned char *d = dst;
	size_t si = 0, o = 0;
	long err = -1;
	bool end = false;
	while (!end && err < 0 && si < n) {
		unsigned char q[3];
		size_t k;
		err = quantum(s, n, &si, q, &k, &end);
		if (d && k)
			memcpy(d + o, q, k);
		o += k;
	}
	if (dlen)
		*dlen = o;
	return err;
}

long hcodec_b64_decode(hbuf *b, const void *src, size_t n)
{
	if (!hbuf_grow(b, hcodec_b64_decoded_max(n)))
		return -1;
	size_t k = 0;
	long err = hcodec_b64_decode_to(b->data + b->len, &k, src, n);
	b->len += k;
	b->data[b->len] = 0;
	return err;
}

/* ------------------------------------------------------------------ hex */

int hcodec_unhex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
