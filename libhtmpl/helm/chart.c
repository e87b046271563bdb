/* chart.c - loading a chart: a directory (with .helmignore) or a .tgz archive (zlib plus our
 * own tar reader), Chart.yaml metadata, values.yaml, templates, .Files and subcharts.
 *
 * Reproduces helm v3.17.3 pkg/chart/loader (load.go LoadFiles, directory.go LoadDir,
 * archive.go LoadArchiveFiles), internal/sympath (sorted walk that follows links) and
 * pkg/chart/metadata.go Validate, with Helm's error texts. Chart.yaml is decoded as
 * sigs.k8s.io/yaml decodes it into chart.Metadata: keys match case-insensitively, scalars
 * become strings when the field is a string (`version: 1.0` → "1", floats as float32),
 * other type mismatches are encoding/json errors.
 *
 * Deliberate differences from Helm (safety): a symlink in a chart directory must resolve
 * inside the chart, and archives may not hold links, devices or duplicate entries. */
#include "data/json.h"
#include "helm/chart.h"
#include "helm/parse_cache.h"

#include "helm/ignore.h"
#include "helm/slog.h"
#include "helm/values4.h"
#include "core/path.h"
#include "core/semver.h"
#include "data/yaml.h"

#include <dirent.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#define MAX_FILE_SIZE  (5 * 1024 * 1024) /* loader.MaxDecompressedFileSize */
#define MAX_WALK_DEPTH 128

typedef struct bfile {
	char *name;
	char *data;
	size_t len;
} bfile;

typedef struct bfiles {
	bfile *v;
	size_t n, cap;
	hmap *names; /* archive entry names seen, for the duplicate check; NULL until needed */
} bfiles;

typedef struct loader {
	const henv *env;
	harena *a; /* owns every chart of the tree */
	herr *err;
	hignore rules;
	char root[PATH_MAX]; /* realpath of the chart directory */
	size_t nentries;
	bool v2_loader; /* pkg/chart/v2/loader directly (helm 4's lint), no chartBase probe */
	int level;      /* 0 for the root chart, 1 for its subcharts, ... */
	hbuf log;       /* hchart.load_log */
} loader;

/* The code of a wrapped error: out of memory and limits stay what they are. */
static htmpl_errcode kept_code(const herr *e, htmpl_errcode otherwise)
{
	return e->code == HTMPL_ERR_NOMEM || e->code == HTMPL_ERR_LIMIT ? e->code : otherwise;
}

/* Chart.yaml, values.yaml and friends obey the env's YAML node limit (alias bombs). */
static bool load_yaml(loader *L, const bfile *f, hv *out, herr *e)
{
	uint64_t max_nodes = L->env ? htmpl_env_get_limit(L->env, HTMPL_LIMIT_YAML_NODES)
				    : HYAML_DEFAULT_MAX_NODES;
	return hyaml_load_limit(L->a, f->data, f->len, max_nodes, out, e);
}

static bool push_file(loader *L, bfiles *fs, const char *name, size_t nlen, const char *data,
		      size_t len)
{
	if (fs->n == fs->cap) {
		size_t cap = fs->cap ? fs->cap * 2 : 32;
		bfile *nv = harena_realloc(L->a, fs->v, fs->cap * sizeof *nv, cap * sizeof *nv);
		if (!nv)
			return herr_nomem(L->err);
		fs->v = nv, fs->cap = cap;
	}
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		data += 3, len -= 3;
	bfile *f = &fs->v[fs->n];
	if (!(f->name = harena_strndup(L->a, name, nlen)) ||
	    !(f->data = harena_strndup(L->a, data, len)))
		return herr_nomem(L->err);
	f->len = len;
	fs->n++;
	return true;
}

/* ------------------------------------------------------------------ directories */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted entry names of a directory (readDirNames), malloc'ed; NULL on error. */
static char **read_dir_names(const char *path, size_t *n)
{
	DIR *d = opendir(path);
	if (!d)
		return NULL;
	char **v = NULL;
	size_t cap = 0;
	*n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			char **nv = realloc(v, cap * sizeof *nv);
			if (!nv)
				goto fail;
			v = nv;
		}
		if (!(v[*n] = strdup(e->d_name)))
			goto fail;
		(*n)++;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof *v, cmp_str);
	return v ? v : calloc(1, sizeof *v);
fail:
	closedir(d);
	for (size_t i = 0; i < *n; i++)
		free(v[i]);
	free(v);
	return NULL;
}

static void free_names(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool read_whole(const char *path, size_t max, char **out, size_t *len, int *eno)
{
	FILE *f = fopen(path, "rb");
	*out = NULL, *len = 0;
	if (!f) {
		*eno = errno;
		return false;
	}
	size_t cap = 0;
	char *buf = NULL;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 8192;
			char *nb = realloc(buf, cap + 1);
			if (!nb) {
				*eno = ENOMEM;
				break;
			}
			buf = nb;
		}
		size_t r = fread(buf + *len, 1, cap - *len, f);
		*len += r;
		if (r == 0) {
			if (ferror(f)) {
				*eno = errno ? errno : EIO;
				break;
			}
			fclose(f);
			buf[*len] = 0;
			*out = buf;
			return true;
		}
		if (max && *len > max) {
			*eno = EFBIG;
			break;
		}
	}
	fclose(f);
	free(buf);
	return false;
}

static bool walk(loader *L, bfiles *fs, const char *abs, const char *rel, int depth);

static bool walk_file(loader *L, bfiles *fs, const char *abs, const char *rel,
		      const struct stat *st)
{
	if (hignore_match_path(&L->rules, rel, false))
		return true;
	if (!S_ISREG(st->st_mode))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"cannot load irregular file %s as it has file mode type bits set",
				abs);
	if (st->st_size > MAX_FILE_SIZE) {
		const char *base = strrchr(abs, '/');
		return herr_set(L->err, HTMPL_ERR_CHART,
				"chart file \"%s\" is larger than the maximum file size %d",
				base ? base + 1 : abs, MAX_FILE_SIZE);
	}
	if (++L->nentries > htmpl_env_get_limit(L->env, HTMPL_LIMIT_ARCHIVE_ENTRIES))
		return herr_set(
		    L->err, HTMPL_ERR_LIMIT, "chart has more than %llu files",
		    (unsigned long long)htmpl_env_get_limit(L->env, HTMPL_LIMIT_ARCHIVE_ENTRIES));
	char *data;
	size_t len;
	int eno = 0;
	if (!read_whole(abs, MAX_FILE_SIZE, &data, &len, &eno)) {
		if (eno == ENOMEM)
			return herr_nomem(L->err);
		return herr_set(L->err, HTMPL_ERR_IO, "error reading %s: read %s: %s", rel, abs,
				herr_errno(eno));
	}
	bool ok = push_file(L, fs, rel, strlen(rel), data, len);
	free(data);
	return ok;
}

/* One entry of the walk: follows symlinks, which must stay inside the chart. */
static bool walk_entry(loader *L, bfiles *fs, const char *abs, const char *rel, int depth)
{
	struct stat st;
	if (lstat(abs, &st) != 0)
		return herr_set(L->err, HTMPL_ERR_IO, "lstat %s: %s", abs, herr_errno(errno));
	if (S_ISLNK(st.st_mode)) {
		char real[PATH_MAX];
		if (!realpath(abs, real))
			return herr_set(L->err, HTMPL_ERR_CHART,
					"error evaluating symlink %s: lstat %s: %s", abs, abs,
					herr_errno(errno));
		size_t rl = strlen(L->root);
		if (strncmp(real, L->root, rl) != 0 || (real[rl] != '/' && real[rl] != 0))
			return herr_set(L->err, HTMPL_ERR_CHART,
					"symbolic link %s resolves to %s, outside the chart", abs,
					real);
		if (stat(real, &st) != 0)
			return herr_set(L->err, HTMPL_ERR_IO, "lstat %s: %s", real,
					herr_errno(errno));
	}
	if (S_ISDIR(st.st_mode)) {
		if (hignore_match_path(&L->rules, rel, true))
			return true;
		return walk(L, fs, abs, rel, depth + 1);
	}
	return walk_file(L, fs, abs, rel, &st);
}

static bool walk(loader *L, bfiles *fs, const char *abs, const char *rel, int depth)
{
	if (depth > MAX_WALK_DEPTH)
		return herr_set(L->err, HTMPL_ERR_LIMIT,
				"chart directory nesting deeper than %d at %s", MAX_WALK_DEPTH,
				abs);
	size_t n;
	char **names = read_dir_names(abs, &n);
	if (!names)
		return herr_set(L->err, HTMPL_ERR_IO, "open %s: %s", abs, herr_errno(errno));
	bool ok = true;
	for (size_t i = 0; ok && i < n; i++) {
		size_t al = strlen(abs), rl = strlen(rel), nl = strlen(names[i]);
		char *cabs = malloc(al + nl + 2), *crel = malloc(rl + nl + 2);
		if (!cabs || !crel) {
			ok = herr_nomem(L->err);
		} else {
			snprintf(cabs, al + nl + 2, "%s/%s", abs, names[i]);
			if (rl)
				snprintf(crel, rl + nl + 2, "%s/%s", rel, names[i]);
			else
				memcpy(crel, names[i], nl + 1);
			ok = walk_entry(L, fs, cabs, crel, depth);
		}
		free(cabs);
		free(crel);
	}
	free_names(names, n);
	return ok;
}

/* LoadDir: .helmignore (plus `templates/.?*`), then every file in walk order. */
static bool load_dir_files(loader *L, const char *dir, bfiles *fs)
{
	if (!realpath(dir, L->root))
		return herr_set(L->err, HTMPL_ERR_IO, "path \"%s\" not found", dir);
	hignore_init(&L->rules, L->a);
	char ipath[PATH_MAX + 16];
	snprintf(ipath, sizeof ipath, "%s/.helmignore", L->root);
	struct stat st;
	if (stat(ipath, &st) == 0) {
		char *text;
		size_t len;
		int eno = 0;
		if (!read_whole(ipath, 0, &text, &len, &eno))
			return herr_set(L->err, HTMPL_ERR_IO, "open %s: %s", ipath,
					herr_errno(eno));
		bool ok = hignore_parse(&L->rules, text, len, L->err);
		free(text);
		if (!ok)
			return false;
	}
	if (!hignore_add(&L->rules, "templates/.?*", 13, L->err))
		return false;
	return walk(L, fs, L->root, "", 0);
}

/* ------------------------------------------------------------------ archives */

/* Inflates gzip data (concatenated members too) into a malloc'ed buffer of at most max. */
static bool gunzip(loader *L, const void *data, size_t len, size_t max, char **out, size_t *olen)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return herr_nomem(L->err);
	size_t cap = len * 4 + 4096, n = 0;
	if (cap > max + 1)
		cap = max + 1;
	char *buf = malloc(cap);
	bool ok = buf != NULL;
	if (!ok)
		herr_nomem(L->err);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)(len > UINT_MAX ? UINT_MAX : len);
	while (ok) {
		if (n == cap) {
			if (cap > max) {
				ok = herr_set(
				    L->err, HTMPL_ERR_LIMIT,
				    "decompressed chart is larger than the maximum file size %llu",
				    (unsigned long long)max);
				break;
			}
			size_t nc = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = realloc(buf, nc);
			if (!nb) {
				ok = herr_nomem(L->err);
				break;
			}
			buf = nb, cap = nc;
		}
		z.next_out = (Bytef *)buf + n;
		z.avail_out = (uInt)(cap - n > UINT_MAX ? UINT_MAX : cap - n);
		int r = inflate(&z, Z_NO_FLUSH);
		n = (size_t)((char *)z.next_out - buf);
		if (r == Z_STREAM_END) {
			if (z.avail_in == 0)
				break;
			inflateReset(&z); /* another gzip member follows */
			continue;
		}
		if (r == Z_BUF_ERROR && z.avail_in == 0) {
			ok = herr_set(L->err, HTMPL_ERR_CHART, "unexpected EOF");
		} else if (r != Z_OK && r != Z_BUF_ERROR) {
			bool hdr = z.total_out == 0 && z.total_in < 10;
			ok = herr_set(L->err, HTMPL_ERR_CHART, "%s",
				      hdr ? "gzip: invalid header" : "flate: corrupt input");
		}
	}
	inflateEnd(&z);
	if (!ok) {
		free(buf);
		return false;
	}
	*out = buf, *olen = n;
	return true;
}

static bool parse_octal(const unsigned char *p, size_t n, uint64_t *out)
{
	uint64_t v = 0;
	if (p[0] & 0x80) { /* base-256 (GNU) */
		for (size_t i = 1; i < n; i++) {
			if (v >> 55)
				return false;
			v = (v << 8) | p[i];
		}
		*out = v;
		return !(p[0] & 0x40);
	}
	size_t i = 0;
	while (i < n && (p[i] == ' ' || p[i] == 0))
		i++;
	for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) {
		if (v >> 60)
			return false;
		v = v * 8 + (uint64_t)(p[i] - '0');
	}
	for (; i < n; i++)
		if (p[i] != ' ' && p[i] != 0)
			return false;
	*out = v;
	return true;
}

static bool checksum_ok(const unsigned char *h)
{
	uint64_t want;
	if (!parse_octal(h + 148, 8, &want))
		return false;
	uint64_t u = 0;
	int64_t s = 0;
	for (int i = 0; i < 512; i++) {
		unsigned c = (i >= 148 && i < 156) ? ' ' : h[i];
		u += c;
		s += (signed char)c;
	}
	return want == u || want == (uint64_t)s;
}

/* A pax extended header: picks `path` and `size` records. */
static void pax_records(const char *p, size_t n, bfile *name, uint64_t *size, bool *has_size,
			harena *a)
{
	while (n) {
		size_t i = 0, len = 0;
		while (i < n && p[i] >= '0' && p[i] <= '9' && len < n)
			len = len * 10 + (size_t)(p[i++] - '0');
		if (!len || len > n || i >= n || p[i] != ' ')
			return;
		const char *kv = p + i + 1, *end = p + len - 1;
		const char *eq = memchr(kv, '=', (size_t)(end - kv));
		if (eq && end >= eq) {
			size_t kl = (size_t)(eq - kv), vl = (size_t)(end - eq - 1);
			if (kl == 4 && !memcmp(kv, "path", 4)) {
				name->name = harena_strndup(a, eq + 1, vl);
				name->len = vl;
			} else if (kl == 4 && !memcmp(kv, "size", 4)) {
				uint64_t v = 0;
				for (size_t k = 0; k < vl && eq[1 + k] >= '0' && eq[1 + k] <= '9';
				     k++)
					v = v * 10 + (uint64_t)(eq[1 + k] - '0');
				*size = v, *has_size = true;
			}
		}
		p += len, n -= len;
	}
}

/* path.Clean for '/'-separated paths, in the arena. */
static char *clean_path(harena *a, const char *p, size_t n)
{
	hbuf b = HBUF_INIT;
	hpath_clean(&b, p, n);
	char *out = hbuf_ok(&b) ? harena_strndup(a, hbuf_cstr(&b), b.len) : NULL;
	hbuf_free(&b);
	return out;
}

/* The checks of LoadArchiveFiles on one entry name; returns the chart-relative name. */
static char *archive_name(loader *L, const char *raw, size_t rlen)
{
	char delim = memchr(raw, '\\', rlen) ? '\\' : '/';
	const char *first_end = memchr(raw, delim, rlen);
	size_t first_len = first_end ? (size_t)(first_end - raw) : rlen;
	const char *rest = first_end ? first_end + 1 : raw + rlen;
	size_t restlen = first_end ? rlen - first_len - 1 : 0;
	char *n = harena_strndup(L->a, rest, restlen);
	if (!n)
		return herr_nomem(L->err), NULL;
	for (size_t i = 0; i < restlen; i++)
		if (n[i] == delim)
			n[i] = '/';
	if (restlen && n[0] == '/')
		return herr_set(L->err, HTMPL_ERR_CHART, "chart illegally contains absolute paths"),
		       NULL;
	char *c = clean_path(L->a, n, restlen);
	if (!c)
		return herr_nomem(L->err), NULL;
	if (!strcmp(c, "."))
		return herr_set(
			   L->err, HTMPL_ERR_CHART,
			   "chart illegally contains content outside the base directory: \"%.*s\"",
			   (int)rlen, raw),
		       NULL;
	if (!strncmp(c, "..", 2))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"chart illegally references parent directory"),
		       NULL;
	if (((c[0] >= 'a' && c[0] <= 'z') || (c[0] >= 'A' && c[0] <= 'Z')) && c[1] == ':' &&
	    c[2] == '/')
		return herr_set(L->err, HTMPL_ERR_CHART, "chart contains illegally named files"),
		       NULL;
	if (first_len == 10 && !memcmp(raw, "Chart.yaml", 10))
		return herr_set(L->err, HTMPL_ERR_CHART, "chart yaml not in base directory"), NULL;
	return c;
}

/* Records an archive entry name; *dup tells whether it was seen before. A hash set, so an
 * archive of many entries is not quadratic (pathological archive-150k-entries). */
static bool archive_seen(loader *L, bfiles *fs, const char *name, bool *dup)
{
	size_t n = strlen(name);
	if (!fs->names && !(fs->names = hmap_new(L->a, 64)))
		return herr_nomem(L->err);
	*dup = hmap_get(fs->names, name, n) != NULL;
	return *dup || hmap_set(fs->names, name, n, hv_bool(true)) || herr_nomem(L->err);
}

/* One tar entry body: name checks, limits, duplicates. */
static bool archive_entry(loader *L, bfiles *fs, const char *raw, size_t rlen, const char *data,
			  uint64_t size, uint64_t *remaining)
{
	char *n = archive_name(L, raw, rlen);
	if (!n)
		return false;
	uint64_t total = htmpl_env_get_limit(L->env, HTMPL_LIMIT_ARCHIVE_BYTES);
	if (size > *remaining || size >= *remaining)
		return herr_set(L->err, HTMPL_ERR_LIMIT,
				"decompressed chart is larger than the maximum file size %llu",
				(unsigned long long)total);
	if (size > MAX_FILE_SIZE)
		return herr_set(
		    L->err, HTMPL_ERR_LIMIT,
		    "decompressed chart file \"%.*s\" is larger than the maximum file size %d",
		    (int)rlen, raw, MAX_FILE_SIZE);
	*remaining -= size;
	bool dup;
	if (!archive_seen(L, fs, n, &dup))
		return false;
	if (dup)
		return herr_set(L->err, HTMPL_ERR_CHART,
				"chart archive contains duplicate entry %s", n);
	if (++L->nentries > htmpl_env_get_limit(L->env, HTMPL_LIMIT_ARCHIVE_ENTRIES))
		return herr_set(
		    L->err, HTMPL_ERR_LIMIT, "chart archive has more than %llu entries",
		    (unsigned long long)htmpl_env_get_limit(L->env, HTMPL_LIMIT_ARCHIVE_ENTRIES));
	return push_file(L, fs, n, strlen(n), data, (size_t)size);
}

static bool tar_read(loader *L, const unsigned char *t, size_t n, bfiles *fs)
{
	uint64_t remaining = htmpl_env_get_limit(L->env, HTMPL_LIMIT_ARCHIVE_BYTES);
	bfile longname = {0};
	uint64_t pax_size = 0;
	bool has_pax_size = false;
	size_t off = 0;
	for (;;) {
		if (off + 512 > n)
			return herr_set(L->err, HTMPL_ERR_CHART, "%s",
					off == n ? "unexpected EOF" : "unexpected EOF");
		const unsigned char *h = t + off;
		bool zero = true;
		for (int i = 0; i < 512 && zero; i++)
			zero = h[i] == 0;
		if (zero)
			break;
		uint64_t size;
		if (!checksum_ok(h) || !parse_octal(h + 124, 12, &size))
			return herr_set(L->err, HTMPL_ERR_CHART, "archive/tar: invalid tar header");
		char type = (char)h[156];
		if (has_pax_size)
			size = pax_size;
		off += 512;
		if (size > n - off)
			return herr_set(L->err, HTMPL_ERR_CHART, "unexpected EOF");
		const char *body = (const char *)t + off;
		off += (size_t)((size + 511) & ~(uint64_t)511);
		if (off > n)
			off = n;
		if (type == 'x' || type == 'g') {
			if (type == 'x')
				pax_records(body, (size_t)size, &longname, &pax_size, &has_pax_size,
					    L->a);
			continue;
		}
		if (type == 'L') {
			size_t l = strnlen(body, (size_t)size);
			longname.name = harena_strndup(L->a, body, l), longname.len = l;
			continue;
		}
		if (type == 'K')
			continue;
		char nm[257];
		size_t nl;
		if (longname.name) {
			nl = 0;
		} else if (!memcmp(h + 257, "ustar", 5) && h[345]) {
			nl = (size_t)snprintf(nm, sizeof nm, "%.*s/%.*s",
					      (int)strnlen((const char *)h + 345, 155),
					      (const char *)h + 345,
					      (int)strnlen((const char *)h, 100), (const char *)h);
		} else {
			nl = strnlen((const char *)h, 100);
			memcpy(nm, h, nl);
			nm[nl] = 0;
		}
		const char *name = longname.name ? longname.name : nm;
		size_t namelen = longname.name ? longname.len : nl;
		longname.name = NULL;
		has_pax_size = false;
		bool isdir = type == '5' ||
			     (namelen && name[namelen - 1] == '/' && (type == '0' || type == 0));
		if (isdir)
			continue;
		if (type != '0' && type != 0 && type != '7')
			return herr_set(
			    L->err, HTMPL_ERR_CHART,
			    "chart archive entry %.*s is a link or special file (tar type '%c')",
			    (int)namelen, name, type);
		if (!archive_entry(L, fs, name, namelen, body, size, &remaining))
			return false;
	}
	if (fs->n == 0)
		return herr_set(L->err, HTMPL_ERR_CHART, "no files in chart archive");
	return true;
}

static bool archive_files(loader *L, const void *data, size_t len, bfiles *fs)
{
	uint64_t lim = htmpl_env_get_limit(L->env, HTMPL_LIMIT_ARCHIVE_BYTES);
	size_t max = (size_t)(lim > SIZE_MAX / 4 ? SIZE_MAX / 4 : lim) + 16u * 1024 * 1024;
	char *tar = NULL;
	size_t tlen = 0;
	if (!gunzip(L, data, len, max, &tar, &tlen))
		return false;
	bool ok = tar_read(L, (const unsigned char *)tar, tlen, fs);
	free(tar);
	return ok;
}

/* ------------------------------------------------------------------ Chart.yaml decoding */

/* How sigs.k8s.io/yaml turns a YAML scalar into a string field: integers in full, other
 * floats in float32's shortest 'g' form (`appVersion: 1.10` → "1.1"), bools as true/false. */
static void number_string(hbuf *b, double v)
{
	/* Range first: converting an out-of-range double to an integer is undefined in C. */
	if (v > -9.2e18 && v < 9.2e18 && v == (double)(int64_t)v) {
		hbuf_printf(b, "%lld", (long long)(int64_t)v);
		return;
	}
	float f = v > FLT_MAX ? INFINITY : v < -FLT_MAX ? -INFINITY : (float)v; /* same reason */
	char t[64];
	int prec = 1;
	for (; prec <= 9; prec++) {
		snprintf(t, sizeof t, "%.*e", prec - 1, (double)f);
		if (strtof(t, NULL) == f)
			break;
	}
	/* t = [-]d.ddde[+-]XX: digits and decimal exponent */
	char digs[16];
	size_t nd = 0;
	const char *p = t;
	bool neg = *p == '-';
	if (neg)
		p++;
	for (; *p && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && nd < sizeof digs - 1)
			digs[nd++] = *p;
	int exp = *p ? atoi(p + 1) : 0;
	while (nd > 1 && digs[nd - 1] == '0')
		nd--;
	if (neg)
		hbuf_putc(b, '-');
	if (exp < -4 || exp >= 6) {
		hbuf_putc(b, digs[0]);
		if (nd > 1) {
			hbuf_putc(b, '.');
			hbuf_put(b, digs + 1, nd - 1);
		}
		hbuf_printf(b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
		return;
	}
	if (exp < 0) {
		hbuf_puts(b, "0.");
		hbuf_putn(b, '0', (size_t)(-exp - 1));
		hbuf_put(b, digs, nd);
		return;
	}
	for (int i = 0; i <= exp || i < (int)nd; i++) {
		if (i == exp + 1)
			hbuf_putc(b, '.');
		hbuf_putc(b, i < (int)nd ? digs[i] : '0');
	}
}

typedef struct mdc {
	loader *L;
	const char *file;  /* "Chart.yaml" or "requirements.yaml" */
	const char *strct; /* Go struct name for messages */
	const char *path;  /* field path prefix ("" or "dependencies.") */
} mdc;

static bool type_error(mdc *m, const hv *v, const char *field, const char *gotype)
{
	return herr_set(m->L->err, HTMPL_ERR_CHART,
			"cannot load %s: error unmarshaling JSON: while decoding JSON: json: "
			"cannot unmarshal %s "
			"into Go struct field %s.%s%s of type %s",
			m->file, hjson_kind(v), m->strct, m->path, field, gotype);
}

/* A scalar for a string field; nil stays nil (the field keeps its zero value). */
static bool to_string(mdc *m, const hv *v, const char *field, hv *out)
{
	harena *a = m->L->a;
	if (v->type == HT_STRING || hv_is_nil(v)) {
		*out = *v;
		return true;
	}
	if (v->type == HT_BOOL)
		return hv_string(a, v->b ? "true" : "false", v->b ? 4 : 5, out) ||
		       herr_nomem(m->L->err);
	if (v->type == HT_FLOAT64 || v->type == HT_INT64 || v->type == HT_INT) {
		hbuf b = HBUF_INIT;
		number_string(&b, v->type == HT_FLOAT64 ? v->f : (double)v->i);
		bool ok = hbuf_ok(&b) && hv_string(a, hbuf_cstr(&b), b.len, out);
		hbuf_free(&b);
		return ok || herr_nomem(m->L->err);
	}
	return type_error(m, v, field, "string");
}

static bool to_string_list(mdc *m, const hv *v, const char *field, hv *out)
{
	if (hv_is_nil(v)) {
		*out = hv_nil();
		return true;
	}
	if (!hv_is_list(v))
		return type_error(m, v, field, "[]string");
	hlist *l = hlist_new(m->L->a, v->l->len);
	if (!l)
		return herr_nomem(m->L->err);
	for (size_t i = 0; i < v->l->len; i++) {
		hv s;
		if (!to_string(m, &v->l->v[i], field, &s))
			return false;
		if (hv_is_nil(&s))
			s = hv_of_str(hstr_empty());
		if (!hlist_push(l, s))
			return herr_nomem(m->L->err);
	}
	*out = hv_of_list(HT_LIST, l);
	return true;
}

typedef enum { F_STR, F_STRLIST, F_BOOL, F_STRMAP, F_ANYLIST, F_MAINT, F_DEPS } ftype;
typedef struct fdef {
	const char *name;
	ftype t;
} fdef;

static const fdef md_fields[] = {
    {"name", F_STR},	      {"home", F_STR},		 {"sources", F_STRLIST},
    {"version", F_STR},	      {"description", F_STR},	 {"keywords", F_STRLIST},
    {"maintainers", F_MAINT}, {"icon", F_STR},		 {"apiVersion", F_STR},
    {"condition", F_STR},     {"tags", F_STR},		 {"appVersion", F_STR},
    {"deprecated", F_BOOL},   {"annotations", F_STRMAP}, {"kubeVersion", F_STR},
    {"dependencies", F_DEPS}, {"type", F_STR},
};
static const fdef maint_fields[] = {{"name", F_STR}, {"email", F_STR}, {"url", F_STR}};
static const fdef dep_fields[] = {
    {"name", F_STR},	 {"version", F_STR},  {"repository", F_STR},	    {"condition", F_STR},
    {"tags", F_STRLIST}, {"enabled", F_BOOL}, {"import-values", F_ANYLIST}, {"alias", F_STR},
};

static bool decode_struct(mdc *m, const hv *src, hmap *dst, const fdef *fields, size_t nfields);

static bool decode_list_of(mdc *m, const hv *v, const char *field, const char *gotype,
			   const char *elem, const fdef *fields, size_t nf, hv *out)
{
	if (hv_is_nil(v)) {
		*out = hv_nil();
		return true;
	}
	if (!hv_is_list(v))
		return type_error(m, v, field, gotype);
	hlist *l = hlist_new(m->L->a, v->l->len);
	if (!l)
		return herr_nomem(m->L->err);
	for (size_t i = 0; i < v->l->len; i++) {
		const hv *e = &v->l->v[i];
		hv item = hv_nil();
		if (!hv_is_nil(e)) {
			if (!hv_is_map(e))
				return type_error(m, e, field, elem);
			hmap *dm = hmap_new(m->L->a, 0);
			if (!dm)
				return herr_nomem(m->L->err);
			char path[64];
			snprintf(path, sizeof path, "%s.", field);
			mdc sub = {m->L, m->file, elem + 7 /* skip "*chart." */, path};
			if (!decode_struct(&sub, e, dm, fields, nf))
				return false;
			item = hv_of_map(HT_MAP, dm);
		}
		if (!hlist_push(l, item))
			return herr_nomem(m->L->err);
	}
	*out = hv_of_list(HT_LIST, l);
	return true;
}

static bool decode_field(mdc *m, const fdef *f, const hv *v, hv *out)
{
	switch (f->t) {
	case F_STR:
		return to_string(m, v, f->name, out);
	case F_STRLIST:
		return to_string_list(m, v, f->name, out);
	case F_BOOL:
		if (!hv_is_nil(v) && v->type != HT_BOOL)
			return type_error(m, v, f->name, "bool");
		*out = *v;
		return true;
	case F_ANYLIST:
		if (!hv_is_nil(v) && !hv_is_list(v))
			return type_error(m, v, f->name, "[]interface {}");
		*out = *v;
		return true;
	case F_STRMAP: {
		if (hv_is_nil(v)) {
			*out = *v;
			return true;
		}
		if (!hv_is_map(v))
			return type_error(m, v, f->name, "map[string]string");
		hmap *sm = hmap_new(m->L->a, hmap_len(v->m));
		hmap_entry **es = hmap_sorted(v->m);
		if (!sm || (hmap_len(v->m) && !es))
			return herr_nomem(m->L->err);
		for (size_t i = 0; i < hmap_len(v->m); i++) {
			hv s;
			if (!to_string(m, &es[i]->val, f->name, &s))
				return false;
			if (hv_is_nil(&s))
				s = hv_of_str(hstr_empty());
			if (!hmap_set_str(sm, es[i]->key, s))
				return herr_nomem(m->L->err);
		}
		*out = hv_of_map(HT_STRMAP, sm);
		return true;
	}
	case F_MAINT:
		return decode_list_of(m, v, f->name, "[]*chart.Maintainer", "*chart.Maintainer",
				      maint_fields, sizeof maint_fields / sizeof *maint_fields,
				      out);
	case F_DEPS:
		return decode_list_of(m, v, f->name, "[]*chart.Dependency", "*chart.Dependency",
				      dep_fields, sizeof dep_fields / sizeof *dep_fields, out);
	}
	return true;
}

/* encoding/json into a struct: keys in sorted order, exact or case-folded field names. */
static bool decode_struct(mdc *m, const hv *src, hmap *dst, const fdef *fields, size_t nfields)
{
	size_t n = hmap_len(src->m);
	hmap_entry **es = hmap_sorted(src->m);
	if (n && !es)
		return herr_nomem(m->L->err);
	for (size_t i = 0; i < n; i++) {
		const fdef *f = NULL;
		for (size_t k = 0; k < nfields && !f; k++)
			if (!strcmp(es[i]->key->data, fields[k].name))
				f = &fields[k];
		for (size_t k = 0; k < nfields && !f; k++)
			if (!strcasecmp(es[i]->key->data, fields[k].name))
				f = &fields[k];
		if (!f)
			continue;
		hv out;
		if (!decode_field(m, f, &es[i]->val, &out))
			return false;
		if (hv_is_nil(&out) && f->t != F_MAINT && f->t != F_DEPS)
			continue; /* JSON null leaves the zero value */
		if (!hmap_set(dst, f->name, strlen(f->name), out))
			return herr_nomem(m->L->err);
	}
	return true;
}

/* The Go type a non-map Chart.yaml fails to decode into: helm 4's pkg/chart/loader decodes
 * the root's Chart.yaml into a loader.chartBase first (values/err-chart-list); its v2 loader,
 * which loads subcharts and serves lint, into v2.Metadata (lint/h-chartfile-list). */
static const char *metadata_type(const loader *L, const char *file)
{
	if (htmpl_env_get_helm_version(L->env) != 4)
		return "chart.Metadata";
	return !L->v2_loader && L->level == 0 && !strcmp(file, "Chart.yaml") ? "loader.chartBase"
	                                                                      : "v2.Metadata";
}

static bool decode_metadata(loader *L, const char *file, const bfile *f, hmap *md)
{
	hv doc;
	herr e = HTMPL_ERROR_INIT;
	if (!load_yaml(L, f, &doc, &e)) {
		herr_set(L->err, kept_code(&e, HTMPL_ERR_CHART),
			 "cannot load %s: %s", file, htmpl_error_message(&e));
		htmpl_error_clear(&e);
		return false;
	}
	if (hv_is_nil(&doc))
		return true;
	if (!hv_is_map(&doc))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"cannot load %s: error unmarshaling JSON: while decoding JSON: "
				"json: cannot unmarshal %s "
				"into Go value of type %s", file, hjson_kind(&doc),
				metadata_type(L, file));
	mdc m = {L, file, "Metadata", ""};
	return decode_struct(&m, &doc, md, md_fields, sizeof md_fields / sizeof *md_fields);
}

/* log.Printf of the loader (helm 4: through slog, an INFO line), kept for hchart.load_log. */
static void load_warning(loader *L, const char *file_line, const char *msg)
{
	if (htmpl_env_get_helm_version(L->env) == 4)
		hslog_line(&L->log, "INFO", msg, NULL);
	else
		hbuf_printf(&L->log, "%s: %s\n", file_line, msg);
}

/* ------------------------------------------------------------------ validation */

static const char *md_str(const hmap *md, const char *key)
{
	hv *v = hmap_gets(md, key);
	return v && v->type == HT_STRING ? v->s->data : "";
}

/* sanitizeString: whitespace → ' ', non-printable runes dropped (ASCII view; other bytes kept). */
static bool sanitize(harena *a, hv *v)
{
	if (v->type != HT_STRING)
		return true;
	const char *s = v->s->data;
	size_t n = v->s->len;
	bool change = false;
	for (size_t i = 0; i < n && !change; i++)
		change = (unsigned char)s[i] < 0x20 || s[i] == 0x7f;
	if (!change)
		return true;
	char *t = harena_alloc(a, n + 1);
	if (!t)
		return false;
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r')
			t[w++] = ' ';
		else if (c >= 0x20 && c != 0x7f)
			t[w++] = (char)c;
	}
	return hv_string(a, t, w, v);
}

static bool sanitize_fields(harena *a, hmap *m, const char *const *keys)
{
	for (; *keys; keys++) {
		hv *v = hmap_gets(m, *keys);
		if (!v)
			continue;
		if (hv_is_list(v)) {
			for (size_t i = 0; i < v->l->len; i++)
				if (!sanitize(a, &v->l->v[i]))
					return false;
		} else if (!sanitize(a, v)) {
			return false;
		}
	}
	return true;
}

static bool alias_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return false;
	return true;
}

static bool validate_deps(loader *L, hmap *md)
{
	static const char *const dkeys[] = {"name",	 "version", "repository",
					    "condition", "tags",    NULL};
	hv *deps = hmap_gets(md, "dependencies");
	if (!deps || !hv_is_list(deps))
		return true;
	for (size_t i = 0; i < deps->l->len; i++) {
		hv *d = &deps->l->v[i];
		if (!hv_is_map(d))
			return herr_set(
			    L->err, HTMPL_ERR_CHART,
			    "validation: dependencies must not contain empty or null nodes");
		if (!sanitize_fields(L->a, d->m, dkeys))
			return herr_nomem(L->err);
		const char *alias = md_str(d->m, "alias");
		if (*alias && !alias_ok(alias))
			return herr_set(
			    L->err, HTMPL_ERR_CHART,
			    "validation: dependency \"%s\" has disallowed characters in the alias",
			    md_str(d->m, "name"));
		const char *key = *alias ? alias : md_str(d->m, "name");
		for (size_t k = 0; k < i; k++) {
			hv *o = &deps->l->v[k];
			const char *oa = md_str(o->m, "alias"),
				   *ok = *oa ? oa : md_str(o->m, "name");
			if (!strcmp(ok, key))
				return herr_set(L->err, HTMPL_ERR_CHART,
						"validation: more than one dependency with name or "
						"alias \"%s\"",
						key);
		}
	}
	return true;
}

/* Metadata.Validate */
static bool validate_metadata(loader *L, hmap *md)
{
	static const char *const keys[] = {"name",	"description", "home",	     "icon",
					   "condition", "tags",	       "appVersion", "kubeVersion",
					   "sources",	"keywords",    NULL};
	static const char *const mkeys[] = {"name", "email", "url", NULL};
	if (!sanitize_fields(L->a, md, keys))
		return herr_nomem(L->err);
	const char *name = md_str(md, "name"), *version = md_str(md, "version"),
		   *type = md_str(md, "type");
	if (!*md_str(md, "apiVersion"))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"validation: chart.metadata.apiVersion is required");
	if (!*name)
		return herr_set(L->err, HTMPL_ERR_CHART,
				"validation: chart.metadata.name is required");
	/* helm 4 refuses the two path names outright (lint/h-name-dot) */
	if (htmpl_env_get_helm_version(L->env) == 4 && (!strcmp(name, ".") || !strcmp(name, "..")))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"validation: chart.metadata.name \"%s\" is not allowed", name);
	size_t nl = strlen(name);
	while (nl > 1 && name[nl - 1] == '/')
		nl--;
	const char *slash = memrchr(name, '/', nl);
	bool base_ok = (!slash && nl == strlen(name)) || !strcmp(name, "/"); /* Base("/") is "/" */
	if (!base_ok)
		return herr_set(L->err, HTMPL_ERR_CHART,
				"validation: chart.metadata.name \"%s\" is invalid", name);
	if (!*version)
		return herr_set(L->err, HTMPL_ERR_CHART,
				"validation: chart.metadata.version is required");
	hsemver sv;
	if (!hsemver_parse(version, strlen(version), &sv))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"validation: chart.metadata.version \"%s\" is invalid", version);
	if (*type && strcmp(type, "application") && strcmp(type, "library"))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"validation: chart.metadata.type must be application or library");
	hv *ms = hmap_gets(md, "maintainers");
	for (size_t i = 0; ms && hv_is_list(ms) && i < ms->l->len; i++) {
		if (!hv_is_map(&ms->l->v[i]))
			return herr_set(
			    L->err, HTMPL_ERR_CHART,
			    "validation: maintainers must not contain empty or null nodes");
		if (!sanitize_fields(L->a, ms->l->v[i].m, mkeys))
			return herr_nomem(L->err);
	}
	return validate_deps(L, md);
}

/* ------------------------------------------------------------------ LoadFiles */

static bool has_prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static const char *ext_of(const char *name)
{
	const char *slash = strrchr(name, '/'), *dot = strrchr(name, '.');
	return dot && (!slash || dot > slash) ? dot : "";
}

static bool push_hfile(harena *a, hfile **v, size_t *n, size_t *cap, const bfile *f)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		hfile *nv = harena_realloc(a, *v, *cap * sizeof *nv, nc * sizeof *nv);
		if (!nv)
			return false;
		*v = nv, *cap = nc;
	}
	(*v)[(*n)++] = (hfile){f->name, f->data, f->len};
	return true;
}

static int cmp_hfile(const void *a, const void *b)
{
	return strcmp(((const hfile *)a)->name, ((const hfile *)b)->name);
}

static bool load_yaml_check(loader *L, const bfile *f, hv *out)
{
	herr e = HTMPL_ERROR_INIT;
	if (load_yaml(L, f, out, &e))
		return true;
	herr_set(L->err, kept_code(&e, HTMPL_ERR_CHART),
		 "cannot load %s: %s", f->name, htmpl_error_message(&e));
	htmpl_error_clear(&e);
	return false;
}

static bool load_values(loader *L, hchart *c, const bfile *f)
{
	hv v;
	c->values_text = f->data;
	c->values_len = f->len;
	if (htmpl_env_get_helm_version(L->env) == 4) { /* every document (values4.c) */
		hbuf msg = HBUF_INIT;
		uint64_t max = L->env ? htmpl_env_get_limit(L->env, HTMPL_LIMIT_YAML_NODES)
		                      : HYAML_DEFAULT_MAX_NODES;
		bool ok = hvalues4_load(L->a, f->data, f->len, max, &v, &msg, L->err);
		if (!ok && !herr_isset(L->err))
			herr_set(L->err, HTMPL_ERR_CHART, "cannot load %s: %s", f->name, hbuf_cstr(&msg));
		hbuf_free(&msg);
		if (ok && hv_is_map(&v))
			c->values = v;
		return ok;
	}
	if (!load_yaml_check(L, f, &v))
		return false;
	if (hv_is_nil(&v))
		return true;
	if (!hv_is_map(&v))
		return herr_set(L->err, HTMPL_ERR_CHART,
				"cannot load values.yaml: error unmarshaling JSON: while decoding "
				"JSON: json: cannot "
				"unmarshal %s into Go value of type map[string]interface {}",
				hjson_kind(&v));
	c->values = v;
	return true;
}

typedef struct sorted_files {
	hfile *tpl, *files, *crds;
	size_t ntpl, nfiles, ncrds, ctpl, cfiles, ccrds;
} sorted_files;

static bool add_plain_file(loader *L, sorted_files *s, const bfile *f)
{
	if (!push_hfile(L->a, &s->files, &s->nfiles, &s->cfiles, f))
		return herr_nomem(L->err);
	const char *ext = ext_of(f->name);
	if (has_prefix(f->name, "crds/") &&
	    (!strcasecmp(ext, ".yaml") || !strcasecmp(ext, ".yml") || !strcasecmp(ext, ".json")))
		if (!push_hfile(L->a, &s->crds, &s->ncrds, &s->ccrds, f))
			return herr_nomem(L->err);
	return true;
}

static hchart *load_files(loader *L, bfiles *fs, const char *where);

/* One group of charts/<name>...: a .tgz archive or a directory. */
static hchart *load_subchart(loader *L, const char *parent, const char *cname, bfiles *group)
{
	herr inner = HTMPL_ERROR_INIT;
	herr *outer = L->err;
	L->err = &inner;
	hchart *sc = NULL;
	size_t saved_entries = L->nentries;
	L->level++;
	if (!strcmp(ext_of(cname), ".tgz")) {
		if (strcmp(group->v[0].name, cname)) {
			herr_set(&inner, HTMPL_ERR_CHART,
				 "error unpacking subchart tar in %s: expected %s, got %s", parent,
				 cname, group->v[0].name);
			L->level--;
			L->err = outer;
			herr_move(outer, &inner);
			return NULL;
		}
		bfiles sub = {0};
		L->nentries = 0;
		if (archive_files(L, group->v[0].data, group->v[0].len, &sub))
			sc = load_files(L, &sub, cname);
	} else {
		bfiles sub = {0};
		for (size_t i = 0; i < group->n; i++) {
			char *slash = strchr(group->v[i].name, '/');
			if (!slash)
				continue;
			if (sub.n == sub.cap) {
				size_t cap = sub.cap ? sub.cap * 2 : 16;
				bfile *nv = harena_realloc(L->a, sub.v, sub.cap * sizeof *nv,
							   cap * sizeof *nv);
				if (!nv) {
					herr_nomem(&inner);
					break;
				}
				sub.v = nv, sub.cap = cap;
			}
			sub.v[sub.n++] = (bfile){slash + 1, group->v[i].data, group->v[i].len};
		}
		if (!herr_isset(&inner))
			sc = load_files(L, &sub, cname);
	}
	L->nentries = saved_entries;
	L->level--;
	L->err = outer;
	if (!sc) {
		if (inner.code == HTMPL_ERR_NOMEM)
			herr_nomem(outer);
		else
			herr_set(outer, inner.code, "error unpacking subchart %s in %s: %s", cname,
				 parent, htmpl_error_message(&inner));
		htmpl_error_clear(&inner);
	}
	return sc;
}

/* Groups charts/ entries by their first path element and loads each (sorted by name; Helm's
 * order is a Go map's). */
static bool load_subcharts(loader *L, hchart *c, bfiles *charts)
{
	if (!charts->n)
		return true;
	for (size_t i = 0; i < charts->n; i++)
		charts->v[i].name += 7; /* "charts/" */
	/* stable grouping: sort by group name, keep file order inside a group */
	size_t n = charts->n;
	bfile *v = charts->v;
	size_t i = 0;
	hchart **subs = harena_alloc(L->a, n * sizeof *subs);
	if (!subs)
		return herr_nomem(L->err);
	char **seen = harena_alloc(L->a, n * sizeof *seen);
	size_t nseen = 0;
	if (!seen)
		return herr_nomem(L->err);
	for (i = 0; i < n; i++) {
		size_t cl = strcspn(v[i].name, "/");
		bool dup = false;
		for (size_t k = 0; k < nseen && !dup; k++)
			dup = strlen(seen[k]) == cl && !strncmp(seen[k], v[i].name, cl);
		if (!dup && !(seen[nseen++] = harena_strndup(L->a, v[i].name, cl)))
			return herr_nomem(L->err);
	}
	qsort(seen, nseen, sizeof *seen, cmp_str);
	for (size_t g = 0; g < nseen; g++) {
		const char *cname = seen[g];
		if (cname[0] == '_' || cname[0] == '.')
			continue;
		size_t cl = strlen(cname);
		bfiles group = {0};
		group.v = harena_alloc(L->a, n * sizeof *group.v);
		if (!group.v)
			return herr_nomem(L->err);
		for (i = 0; i < n; i++)
			if (!strncmp(v[i].name, cname, cl) &&
			    (v[i].name[cl] == '/' || !v[i].name[cl]))
				group.v[group.n++] = v[i];
		hchart *sc = load_subchart(L, c->name, cname, &group);
		if (!sc)
			return false;
		subs[c->nsubcharts++] = sc;
	}
	c->subcharts = subs;
	return true;
}

static bool classify(loader *L, hchart *c, hmap *md, bool *have_md, const bfile *f, sorted_files *s,
		     bfiles *charts)
{
	hv tmp;
	const char *n = f->name;
	if (!strcmp(n, "Chart.yaml"))
		return true;
	if (!strcmp(n, "Chart.lock"))
		return load_yaml_check(L, f, &tmp);
	if (!strcmp(n, "values.yaml"))
		return load_values(L, c, f);
	if (!strcmp(n, "values.schema.json")) {
		hfile *h = harena_alloc(L->a, sizeof *h);
		if (!h)
			return herr_nomem(L->err);
		*h = (hfile){f->name, f->data, f->len};
		c->schema = h;
		return true;
	}
	if (!strcmp(n, "requirements.yaml") || !strcmp(n, "requirements.lock")) {
		bool v1 = !strcmp(md_str(md, "apiVersion"), "v1");
		*have_md = true;
		if (n[13] == 'y' && !v1)
			load_warning(L, "load.go:120", "Warning: Dependencies are handled in Chart.yaml "
			             "since apiVersion \"v2\". We recommend migrating dependencies to "
			             "Chart.yaml.");
		if (n[13] == 'y' && !decode_metadata(L, "requirements.yaml", f, md))
			return false;
		if (n[13] == 'l' && !load_yaml_check(L, f, &tmp))
			return false;
		if (n[13] == 'l' && !v1)
			load_warning(L, "load.go:138", "Warning: Dependency locking is handled in "
			             "Chart.lock since apiVersion \"v2\". We recommend migrating to "
			             "Chart.lock.");
		return v1 ? add_plain_file(L, s, f) : true;
	}
	if (has_prefix(n, "templates/"))
		return push_hfile(L->a, &s->tpl, &s->ntpl, &s->ctpl, f) || herr_nomem(L->err);
	if (has_prefix(n, "charts/")) {
		if (!strcmp(ext_of(n), ".prov"))
			return add_plain_file(L, s, f);
		if (charts->n == charts->cap) {
			size_t cap = charts->cap ? charts->cap * 2 : 16;
			bfile *nv = harena_realloc(L->a, charts->v, charts->cap * sizeof *nv,
						   cap * sizeof *nv);
			if (!nv)
				return herr_nomem(L->err);
			charts->v = nv, charts->cap = cap;
		}
		charts->v[charts->n++] = *f;
		return true;
	}
	return add_plain_file(L, s, f);
}

static bool finish_chart(loader *L, hchart *c, hmap *md, sorted_files *s)
{
	c->metadata = hv_of_map(HT_MAP, md);
	c->name = md_str(md, "name");
	c->api_version = md_str(md, "apiVersion");
	c->is_library = !strcmp(md_str(md, "type"), "library");
	hv *deps = hmap_gets(md, "dependencies");
	c->dependencies = deps && hv_is_list(deps) ? *deps : hv_nil();
	if (s->ntpl)
		qsort(s->tpl, s->ntpl, sizeof *s->tpl, cmp_hfile);
	if (s->nfiles)
		qsort(s->files, s->nfiles, sizeof *s->files, cmp_hfile);
	c->templates = s->tpl, c->ntemplates = s->ntpl;
	c->files = s->files, c->nfiles = s->nfiles;
	c->crds = s->crds, c->ncrds = s->ncrds;
	if (hv_is_nil(&c->values)) {
		hmap *m = hmap_new(L->a, 0);
		if (!m)
			return herr_nomem(L->err);
		c->values = hv_of_map(HT_MAP, m);
	}
	return true;
}

/* LoadFiles: Chart.yaml first, then every other file by its role. */
static hchart *load_files(loader *L, bfiles *fs, const char *where)
{
	hchart *c = harena_zalloc(L->a, sizeof(struct htmpl_chart));
	hmap *md = hmap_new(L->a, 0);
	if (!c || !md)
		return herr_nomem(L->err), NULL;
	c->values = hv_nil();
	c->dependencies = hv_nil();
	c->path = where;
	bool have_md = false;
	for (size_t i = 0; i < fs->n; i++) {
		if (strcmp(fs->v[i].name, "Chart.yaml"))
			continue;
		have_md = true;
		if (!decode_metadata(L, "Chart.yaml", &fs->v[i], md))
			return NULL;
		if (!*md_str(md, "apiVersion") &&
		    !hmap_set(md, "apiVersion", 10, hv_of_str(hstr_cstr(L->a, "v1"))))
			return herr_nomem(L->err), NULL;
	}
	sorted_files s = {0};
	bfiles charts = {0};
	for (size_t i = 0; i < fs->n; i++)
		if (!classify(L, c, md, &have_md, &fs->v[i], &s, &charts))
			return NULL;
	if (!have_md)
		return herr_set(L->err, HTMPL_ERR_CHART, "Chart.yaml file is missing"), NULL;
	if (!validate_metadata(L, md) || !finish_chart(L, c, md, &s))
		return NULL;
	if (!load_subcharts(L, c, &charts))
		return NULL;
	return c;
}

/* ------------------------------------------------------------------ public */

/* Renders read a chart's maps from many threads at once (htmpl_chart_load: the chart is
 * read-only): their sorted views, which a read would otherwise fill in, are made now. */
static void presort(const hchart *c)
{
	hv_presort(&c->metadata, 0);
	hv_presort(&c->values, 0);
	hv_presort(&c->dependencies, 0);
	for (size_t i = 0; i < c->nsubcharts; i++)
		presort(c->subcharts[i]);
}

static hchart *finish_root(loader *L, hchart *c)
{
	if (c && !(c->load_log = hbuf_ok(&L->log) ? harena_strdup(L->a, hbuf_cstr(&L->log)) : NULL)) {
		herr_nomem(L->err);
		c = NULL;
	}
	hbuf_free(&L->log);
	if (!c) {
		harena_free(L->a);
		return NULL;
	}
	c->arena = L->a; /* subcharts keep arena == NULL: the root's arena owns the tree */
	c->pcache = hparsecache_new(); /* NULL (out of memory): every render parses */
	presort(c);
	return c;
}

hchart *hchart_load_archive(const henv *env, const char *name, const void *data, size_t len,
			    herr *err)
{
	loader L = {.env = env, .err = err};
	if (!(L.a = harena_new()))
		return herr_nomem(err), NULL;
	bfiles fs = {0};
	hchart *c = NULL;
	if (archive_files(&L, data, len, &fs))
		c = load_files(&L, &fs, harena_strdup(L.a, name ? name : "chart.tgz"));
	return finish_root(&L, c);
}

/* ensureArchive: a friendlier error when the file is not gzip. */
static bool ensure_archive(const char *abs, const char *data, size_t len, herr *err)
{
	if (len >= 3 && !memcmp(data, "\x1f\x8b\x08", 3))
		return true;
	size_t n = strlen(abs);
	if ((n > 4 && !strcmp(abs + n - 4, ".yml")) || (n > 5 && !strcmp(abs + n - 5, ".yaml")))
		return herr_set(err, HTMPL_ERR_CHART,
				"file '%s' seems to be a YAML file, but expected a gzipped archive",
				abs);
	/* helm sniffs a zero-filled 512-byte buffer, so a shorter file always has NULs: binary */
	bool text = len >= 512;
	for (size_t i = 0; i < len && i < 512 && text; i++) {
		unsigned char ch = (unsigned char)data[i];
		text = ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' ||
		       ch == 0x1b;
	}
	return herr_set(err, HTMPL_ERR_CHART,
			"file '%s' does not appear to be a gzipped archive; got '%s'", abs,
			text ? "text/plain; charset=utf-8" : "application/octet-stream");
}

static hchart *load_path(const henv *env, const char *path, bool v2_loader, herr *err)
{
	struct stat st;
	if (!path || stat(path, &st) != 0)
		return herr_set(err, HTMPL_ERR_IO, "path \"%s\" not found", path ? path : ""), NULL;
	loader L = {.env = env, .err = err, .v2_loader = v2_loader};
	if (!(L.a = harena_new()))
		return herr_nomem(err), NULL;
	bfiles fs = {0};
	hchart *c = NULL;
	if (S_ISDIR(st.st_mode)) {
		if (load_dir_files(&L, path, &fs))
			c = load_files(&L, &fs, harena_strdup(L.a, path));
		return finish_root(&L, c);
	}
	char abs[PATH_MAX], *data;
	size_t len;
	int eno = 0;
	if (!realpath(path, abs))
		snprintf(abs, sizeof abs, "%s", path);
	if (!read_whole(path, 0, &data, &len, &eno)) {
		herr_set(err, HTMPL_ERR_IO, "file '%s' cannot be read: %s", abs, herr_errno(eno));
	} else {
		if (ensure_archive(abs, data, len, err) && archive_files(&L, data, len, &fs))
			c = load_files(&L, &fs, harena_strdup(L.a, path));
		else if (err && err->code && !strcmp(err->message, "gzip: invalid header")) {
			htmpl_error_clear(err);
			herr_set(err, HTMPL_ERR_CHART,
				 "file '%s' does not appear to be a valid chart file (details: "
				 "gzip: invalid header)",
				 abs);
		}
		free(data);
	}
	return finish_root(&L, c);
}

void hchart_free(hchart *c)
{
	if (c && c->arena) {
		hparsecache_free(c->pcache);
		harena_free(c->arena);
	}
}

hchart *hchart_load(const henv *env, const char *path, herr *err)
{
	return load_path(env, path, false, err);
}

hchart *hchart_load_v2(const henv *env, const char *path, herr *err)
{
	return load_path(env, path, true, err);
}
