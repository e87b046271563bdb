/* cli/tgz_write.c - packs a chart directory into NAME-VERSION.tgz for `dependency build` (helm's
 * pkg/chartutil/save.go writes a gzip'ed ustar with every file under NAME/). The gzip stream
 * uses stored deflate blocks (RFC 1951 BTYPE 00), which every inflater reads; the chart loader
 * cares about the files, not the compression. Files are filtered as helm's loader filters a
 * directory (pkg/ignore: .helmignore patterns, hidden files under templates/ ignored); the
 * .helmignore matching here covers plain globs, `dir/` and `!` negation only. */
#include "cli/tgz_write.h"
#include "cli/flags.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct gz {
	FILE *f;
	uint32_t crc;
	uint32_t size;
	unsigned char blk[65535];
	size_t n;
} gz;

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t c = i;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

static void gz_flush(gz *g, bool last)
{
	unsigned char h[5] = {last ? 1 : 0, (unsigned char)g->n, (unsigned char)(g->n >> 8),
			      (unsigned char)~g->n, (unsigned char)(~g->n >> 8)};
	fwrite(h, 1, 5, g->f);
	fwrite(g->blk, 1, g->n, g->f);
	g->n = 0;
}

static void gz_put(gz *g, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		g->crc = crc_table[(g->crc ^ p[i]) & 0xff] ^ (g->crc >> 8);
		g->blk[g->n++] = p[i];
		if (g->n == sizeof g->blk)
			gz_flush(g, false);
	}
	g->size += (uint32_t)len;
}

typedef struct rules {
	char **pat;
	size_t n;
} rules;

static void load_rules(const char *dir, rules *r)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/.helmignore", dir);
	FILE *f = fopen(path, "r");
	char line[1024];
	while (f && fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = 0;
		char *s = line;
		while (*s == ' ' || *s == '\t')
			s++;
		if (!*s || *s == '#')
			continue;
		char **v = realloc(r->pat, (r->n + 1) * sizeof *v);
		if (!v)
			break;
		r->pat = v;
		r->pat[r->n++] = strdup(s);
	}
	if (f)
		fclose(f);
}

/* pkg/ignore: a pattern with a slash matches the path, else the base name; `dir/` only dirs. */
static bool ignored(const rules *r, const char *rel, bool is_dir)
{
	const char *base = strrchr(rel, '/');
	base = base ? base + 1 : rel;
	if (!strncmp(rel, "templates/", 10) && base[0] == '.')
		return true;
	bool ig = false;
	for (size_t i = 0; i < r->n; i++) {
		char pat[1024];
		bool neg = r->pat[i][0] == '!';
		snprintf(pat, sizeof pat, "%s", r->pat[i] + neg);
		size_t n = strlen(pat);
		bool dir_only = n && pat[n - 1] == '/';
		if (dir_only)
			pat[--n] = 0;
		if (dir_only && !is_dir)
			continue;
		const char *p = pat[0] == '/' ? pat + 1 : pat;
		bool m = strchr(p, '/') ? fnmatch(p, rel, 0) == 0 : fnmatch(p, base, 0) == 0;
		if (m)
			ig = !neg;
	}
	return ig;
}

static void octal(char *dst, size_t n, unsigned long long v)
{
	snprintf(dst, n, "%0*llo", (int)n - 1, v);
}

static bool tar_file(gz *g, const char *name, const char *data, size_t len)
{
	unsigned char h[512] = {0};
	size_t nl = strlen(name);
	if (nl > 100) {
		/* ustar prefix/name split at a slash */
		const char *cut = name + nl - 100;
		while (*cut && *cut != '/')
			cut++;
		if (!*cut || (size_t)(cut - name) > 155)
			return false;
		memcpy(h + 345, name, (size_t)(cut - name));
		memcpy(h, cut + 1, strlen(cut + 1));
	} else {
		memcpy(h, name, nl);
	}
	octal((char *)h + 100, 8, 0644);
	octal((char *)h + 108, 8, 0);
	octal((char *)h + 116, 8, 0);
	octal((char *)h + 124, 12, len);
	octal((char *)h + 136, 12, (unsigned long long)time(NULL));
	memset(h + 148, ' ', 8);
	h[156] = '0';
	memcpy(h + 257,
	       "ustar\0"
	       "00",
	       8);
	unsigned sum = 0;
	for (int i = 0; i < 512; i++)
		sum += h[i];
	snprintf((char *)h + 148, 8, "%06o", sum);
	gz_put(g, h, 512);
	gz_put(g, data, len);
	static const unsigned char zero[512];
	if (len % 512)
		gz_put(g, zero, 512 - len % 512);
	return true;
}

static int walk(gz *g, const rules *r, const char *root, const char *rel, const char *name)
{
	char path[8192];
	snprintf(path, sizeof path, "%s%s%s", root, *rel ? "/" : "", rel);
	DIR *d = opendir(path);
	if (!d)
		return hflags_fail("open %s: %s", path, strerror(errno));
	/* sorted, so archives are reproducible */
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char **v = realloc(names, (n + 1) * sizeof *v);
		if (!v)
			break;
		names = v;
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char sub[8192], full[16400];
		snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", names[i]);
		snprintf(full, sizeof full, "%s/%s", root, sub);
		struct stat sb;
		if (stat(full, &sb) != 0)
			continue;
		bool dir = S_ISDIR(sb.st_mode);
		if (ignored(r, sub, dir))
			continue;
		if (dir) {
			rc = walk(g, r, root, sub, name);
			continue;
		}
		FILE *f = fopen(full, "rb");
		if (!f) {
			rc = hflags_fail("open %s: %s", full, strerror(errno));
			continue;
		}
		char *buf = malloc((size_t)sb.st_size + 1);
		size_t got = buf ? fread(buf, 1, (size_t)sb.st_size, f) : 0;
		fclose(f);
		char an[16400];
		snprintf(an, sizeof an, "%s/%s", name, sub);
		if (!buf || !tar_file(g, an, buf, got))
			rc = hflags_fail("cannot archive %s", full);
		free(buf);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int htgz_write_chart(const char *dir, const char *name, const char *out)
{
	crc_init();
	static gz g;
	memset(&g, 0, sizeof g);
	g.crc = 0xffffffffu;
	if (!(g.f = fopen(out, "wb")))
		return hflags_fail("open %s: %s", out, strerror(errno));
	static const unsigned char head[10] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255};
	fwrite(head, 1, 10, g.f);
	rules r = {0};
	load_rules(dir, &r);
	int rc = walk(&g, &r, dir, "", name);
	static const unsigned char zero[1024];
	gz_put(&g, zero, sizeof zero);
	gz_flush(&g, true);
	uint32_t crc = g.crc ^ 0xffffffffu;
	unsigned char tail[8] = {(unsigned char)crc,
				 (unsigned char)(crc >> 8),
				 (unsigned char)(crc >> 16),
				 (unsigned char)(crc >> 24),
				 (unsigned char)g.size,
				 (unsigned char)(g.size >> 8),
				 (unsigned char)(g.size >> 16),
				 (unsigned char)(g.size >> 24)};
	fwrite(tail, 1, 8, g.f);
	if (fclose(g.f) && !rc)
		rc = hflags_fail("write %s: %s", out, strerror(errno));
	for (size_t i = 0; i < r.n; i++)
		free(r.pat[i]);
	free(r.pat);
	if (rc)
		remove(out);
	return rc;
}
