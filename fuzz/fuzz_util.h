/* fuzz_util.h - helpers shared by the harnesses (header-only, static functions):
 *
 *   - a deterministic environment (fixed clock, seeded random bytes) so every crash replays;
 *   - a growable byte buffer and an in-memory ustar writer + gzip (zlib), so a harness can turn
 *     a list of files into the .tgz a chart archive is;
 *   - a reader of the golden case format (`--- PATH` sections), the seed format of the chart
 *     harness: fuzzing the text of files finds more than fuzzing compressed bytes does.
 *
 * Everything here checks its allocations; a failure just makes the harness skip the input. */
#ifndef HTMPL_FUZZ_UTIL_H
#define HTMPL_FUZZ_UTIL_H

#include <htmpl.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static inline void fz_clock(void *ud, int64_t *sec, int32_t *nsec)
{
	(void)ud;
	*sec = 1700000000; /* 2023-11-14T22:13:20Z */
	*nsec = 123456789;
}

static inline bool fz_random(void *ud, void *buf, size_t n)
{
	uint64_t *s = ud; /* xorshift64*: random bytes that replay identically */
	for (size_t i = 0; i < n; i++) {
		*s ^= *s >> 12, *s ^= *s << 25, *s ^= *s >> 27;
		((unsigned char *)buf)[i] = (unsigned char)((*s * 2685821657736338717ull) >> 56);
	}
	return true;
}

/* Limits small enough that no input can make a single run slow or huge. */
static inline void fz_env_setup(htmpl_env *env, uint64_t *seed)
{
	*seed = 0x9e3779b97f4a7c15ull;
	htmpl_env_set_clock(env, fz_clock, NULL);
	htmpl_env_set_random(env, fz_random, seed);
	htmpl_env_set_limit(env, HTMPL_LIMIT_OUTPUT_BYTES, 1 << 20);
	htmpl_env_set_limit(env, HTMPL_LIMIT_MEMORY_BYTES, 256u << 20);
	htmpl_env_set_limit(env, HTMPL_LIMIT_LIST_ITEMS, 10000);
	htmpl_env_set_limit(env, HTMPL_LIMIT_YAML_NODES, 100000);
	htmpl_env_set_limit(env, HTMPL_LIMIT_INCLUDE_DEPTH, 100);
	htmpl_env_set_limit(env, HTMPL_LIMIT_PARSE_DEPTH, 1000);
	htmpl_env_set_limit(env, HTMPL_LIMIT_ARCHIVE_BYTES, 8u << 20);
	htmpl_env_set_limit(env, HTMPL_LIMIT_ARCHIVE_ENTRIES, 1000);
}

/* ---------------------------------------------------------------- bytes */

typedef struct fz_buf {
	unsigned char *p;
	size_t len, cap;
	bool bad;
} fz_buf;

static inline bool fz_put(fz_buf *b, const void *d, size_t n)
{
	if (b->bad)
		return false;
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 1024;
		while (cap < b->len + n)
			cap *= 2;
		unsigned char *np = realloc(b->p, cap);
		if (!np)
			return !(b->bad = true);
		b->p = np, b->cap = cap;
	}
	if (n)
		memcpy(b->p + b->len, d, n);
	b->len += n;
	return true;
}

static inline void fz_buf_free(fz_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof *b);
}

/* ---------------------------------------------------------------- tar + gzip */

/* Recomputes the checksum of one 512-byte ustar header. */
static inline void fz_tar_checksum(unsigned char *h)
{
	unsigned sum = 0;
	memset(h + 148, ' ', 8);
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum & 0777777);
	h[155] = ' ';
}

/* Appends one entry; names over 100 bytes use the ustar prefix field when they can. */
static inline bool fz_tar_add(fz_buf *t, const char *name, size_t nlen, char type, const void *data, size_t len)
{
	unsigned char h[512] = {0};
	if (nlen <= 100) {
		memcpy(h, name, nlen);
	} else {
		size_t cut = nlen - 100;
		while (cut < nlen && name[cut] != '/')
			cut++;
		if (cut > 155 || cut >= nlen)
			return false;
		memcpy(h + 345, name, cut);
		memcpy(h, name + cut + 1, nlen - cut - 1);
	}
	snprintf((char *)h + 100, 8, "%07o", 0644);
	snprintf((char *)h + 108, 8, "%07o", 0);
	snprintf((char *)h + 116, 8, "%07o", 0);
	snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)len);
	snprintf((char *)h + 136, 12, "%011o", 0);
	h[156] = (unsigned char)type;
	memcpy(h + 257, "ustar\0" "00", 8);
	fz_tar_checksum(h);
	static const unsigned char zero[512];
	return fz_put(t, h, 512) && fz_put(t, data, len) && fz_put(t, zero, (512 - len % 512) % 512);
}

static inline bool fz_tar_end(fz_buf *t)
{
	static const unsigned char zero[1024];
	return fz_put(t, zero, sizeof zero);
}

/* Walks a tar stream and fixes every header checksum it reaches, so the fuzzer's changes to
 * names, types and sizes get past the checksum test. */
static inline void fz_tar_fix(unsigned char *t, size_t n)
{
	size_t off = 0;
	while (off + 512 <= n) {
		unsigned char *h = t + off;
		bool zero = true;
		for (int i = 0; i < 512 && zero; i++)
			zero = h[i] == 0;
		if (zero)
			return;
		fz_tar_checksum(h);
		unsigned long long size = 0;
		for (int i = 124; i < 136 && h[i] >= '0' && h[i] <= '7'; i++)
			size = size * 8 + (unsigned)(h[i] - '0');
		if (size > n)
			return;
		off += 512 + (size_t)((size + 511) & ~511ull);
	}
}

/* gzip of in (level 1: cheap, still real deflate). */
static inline bool fz_gzip(const void *in, size_t n, fz_buf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 1, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	size_t cap = deflateBound(&z, (uLong)n) + 64;
	out->len = 0;
	if (!fz_put(out, NULL, 0) || cap > out->cap) {
		unsigned char *p = realloc(out->p, cap);
		if (!p) {
			deflateEnd(&z);
			return false;
		}
		out->p = p, out->cap = cap;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = out->p;
	z.avail_out = (uInt)cap;
	int r = deflate(&z, Z_FINISH);
	out->len = cap - z.avail_out;
	deflateEnd(&z);
	return r == Z_STREAM_END;
}

/* ---------------------------------------------------------------- case format */

/* Turns `--- PATH\ncontent...` sections into tar entries under c/ (Chart.yaml added when
 * missing). Bare names go to templates/ as in the golden cases. `--- args` is skipped.
 * Returns the number of files, or -1 on failure. */
static inline bool fz_case_root_name(const char *p, size_t n)
{
	static const char *const root[] = {"Chart.yaml", "values.yaml", "values.schema.json",
	                                   ".helmignore", "requirements.yaml", "Chart.lock",
	                                   "README.md", "LICENSE"};
	for (size_t i = 0; i < sizeof root / sizeof *root; i++)
		if (strlen(root[i]) == n && !memcmp(root[i], p, n))
			return true;
	return (n >= 6 && !memcmp(p, "values", 6)) || (n >= 5 && !memcmp(p, "extra", 5));
}

static inline bool fz_case_file(fz_buf *t, const char *name, size_t nlen, const char *body, size_t blen,
                         bool *have_chart)
{
	char path[512];
	if (nlen > 300)
		return true;
	if (nlen == 4 && !memcmp(name, "args", 4))
		return true;
	const char *dir = "c/";
	if (nlen > 2 && !memcmp(name, "./", 2))
		name += 2, nlen -= 2;
	else if (!memchr(name, '/', nlen) && !fz_case_root_name(name, nlen))
		dir = "c/templates/";
	int l = snprintf(path, sizeof path, "%s%.*s", dir, (int)nlen, name);
	if (l == 12 && !memcmp(path, "c/Chart.yaml", 12))
		*have_chart = true;
	return fz_tar_add(t, path, (size_t)l, '0', body, blen) || true;
}

static inline int fz_case_to_tar(const char *s, size_t n, fz_buf *t)
{
	bool have_chart = false;
	int files = 0;
	const char *name = NULL, *body = NULL;
	size_t nlen = 0;
	for (size_t i = 0; i <= n;) {
		const char *eol = i < n ? memchr(s + i, '\n', n - i) : NULL;
		size_t end = eol ? (size_t)(eol - s) + 1 : n;
		bool head = i < n && n - i >= 4 && !memcmp(s + i, "--- ", 4);
		if (head || i >= n) {
			if (name && fz_case_file(t, name, nlen, body, (size_t)(s + i - body), &have_chart))
				files++;
			if (i >= n)
				break;
			name = s + i + 4;
			nlen = end - i - 4;
			while (nlen && (name[nlen - 1] == '\n' || name[nlen - 1] == '\r'))
				nlen--;
			body = s + end;
		}
		i = end;
	}
	if (!have_chart) {
		static const char chart[] = "apiVersion: v2\nname: c\nversion: 0.1.0\n";
		if (!fz_tar_add(t, "c/Chart.yaml", 12, '0', chart, sizeof chart - 1))
			return -1;
	}
	return fz_tar_end(t) && !t->bad ? files : -1;
}

#endif
