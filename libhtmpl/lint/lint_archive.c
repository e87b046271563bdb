/* lint_archive.c - `helm lint` of a packaged chart: pkg/action/lint.go lintChart expands a path
 * ending in .tgz or .tar.gz into a temporary directory (chartutil.Expand over
 * pkg/chart/loader's LoadArchiveFiles: gzip+tar, top directory stripped, the loader's
 * illegal-path errors, a leading BOM dropped) and lints the chart directory named after
 * Chart.yaml's name there. Error texts are helm's (pinned by tests/golden/lint/helm-rules.case). */
#include "lint/lint_archive.h"

#include "helm/deps.h"
#include "data/yaml.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>


/* pkg/action/lint.go lintChart: a path ending in .tgz or .tar.gz is expanded first
 * (chartutil.Expand over loader.LoadArchiveFiles) into a temporary directory, and the chart
 * directory named after Chart.yaml's name inside it is linted. */

enum { TGZ_MAX = 1 << 28 }; /* decompressed bytes we accept, like the loader's bound */

bool hlint_is_archive_path(const char *p)
{
	size_t n = strlen(p);
	return (n >= 4 && !strcmp(p + n - 4, ".tgz")) || (n >= 7 && !strcmp(p + n - 7, ".tar.gz"));
}

static bool gunzip_file(const char *path, hbuf *out, const char **why)
{
	gzFile f = gzopen(path, "rb");
	if (!f) {
		*why = "open";
		return false;
	}
	char chunk[65536];
	int n;
	while ((n = gzread(f, chunk, sizeof chunk)) > 0 && out->len < TGZ_MAX)
		hbuf_put(out, chunk, (size_t)n);
	/* zlib passes non-gzip data through; Go's gzip.NewReader rejects it (and an empty file) */
	bool plain = n >= 0 && gzdirect(f);
	gzclose(f);
	*why = n < 0 || (plain && out->len) ? "gzip: invalid header" : !out->len ? "EOF" : NULL;
	return !*why && hbuf_ok(out);
}

static size_t tar_octal(const unsigned char *p, size_t n)
{
	size_t v = 0;
	for (size_t i = 0; i < n && p[i] >= '0' && p[i] <= '7'; i++)
		v = v * 8 + (size_t)(p[i] - '0');
	return v;
}

/* path.Clean for an archive member name relative to the chart root. */
static const char *clean_rel(hlint *L, const char *s)
{
	hbuf b = HBUF_INIT;
	const char *segs[256];
	size_t lens[256], ns = 0;
	int up = 0;
	for (const char *p = s; *p;) {
		while (*p == '/')
			p++;
		const char *q = p;
		while (*q && *q != '/')
			q++;
		size_t n = (size_t)(q - p);
		if (n == 2 && !memcmp(p, "..", 2)) {
			if (ns)
				ns--;
			else
				up++;
		} else if (n && !(n == 1 && *p == '.') && ns < 256) {
			segs[ns] = p, lens[ns++] = n;
		}
		p = q;
	}
	for (int i = 0; i < up; i++)
		hbuf_puts(&b, i ? "/.." : "..");
	for (size_t i = 0; i < ns; i++) {
		if (b.len)
			hbuf_putc(&b, '/');
		hbuf_put(&b, segs[i], lens[i]);
	}
	const char *r = hbuf_ok(&b) ? harena_strdup(L->a, b.len ? hbuf_cstr(&b) : ".") : NULL;
	hbuf_free(&b);
	return r;
}

typedef struct tarfile {
	const char *name; /* chart-relative */
	const char *data;
	size_t len;
} tarfile;

/* LoadArchiveFiles: the members (top directory stripped), or NULL with *why. */
static tarfile *tar_members(hlint *L, const char *t, size_t n, size_t *count, const char **why)
{
	tarfile *v = NULL;
	size_t nv = 0, cap = 0;
	const char *longname = NULL;
	for (size_t off = 0; off + 512 <= n;) {
		const unsigned char *h = (const unsigned char *)t + off;
		if (!h[0]) /* end of archive */
			break;
		size_t size = tar_octal(h + 124, 12), body = off + 512;
		if (size > n - body) {
			*why = "unexpected EOF";
			return NULL;
		}
		char type = (char)h[156];
		char name[260];
		if (h[345] && !memcmp(h + 257, "ustar", 5))
			snprintf(name, sizeof name, "%.155s/%.100s", (const char *)h + 345, (const char *)h);
		else
			snprintf(name, sizeof name, "%.100s", (const char *)h);
		const char *nm = longname ? longname : name;
		longname = NULL;
		off = body + (size + 511) / 512 * 512;
		if (type == 'L' || type == 'x') { /* GNU long name, pax `path=` record */
			const char *d = t + body, *p = type == 'L' ? d : memmem(d, size, " path=", 6);
			if (p) {
				p += type == 'L' ? 0 : 6;
				const char *e = memchr(p, type == 'L' ? '\0' : '\n', size - (size_t)(p - d));
				longname = harena_strndup(L->a, p, e ? (size_t)(e - p) : size - (size_t)(p - d));
			}
			continue;
		}
		if (type == '5' || type == 'g')
			continue;
		const char *slash = strchr(nm, '/');
		const char *rel = clean_rel(L, slash ? slash + 1 : "");
		if (!rel)
			return NULL;
		if (slash && slash[1] == '/')
			return *why = "chart illegally contains absolute paths", NULL;
		if (!strcmp(rel, "."))
			return *why = "chart illegally contains content outside the base directory", NULL;
		if (!strncmp(rel, "..", 2))
			return *why = "chart illegally references parent directory", NULL;
		if (!slash && !strcmp(nm, "Chart.yaml"))
			return *why = "chart yaml not in base directory", NULL;
		if (nv == cap) {
			size_t nc = cap ? cap * 2 : 32;
			tarfile *nvv = harena_realloc(L->a, v, cap * sizeof *v, nc * sizeof *v);
			if (!nvv)
				return NULL;
			v = nvv, cap = nc;
		}
		const char *d = t + body;
		size_t dl = size;
		if (dl >= 3 && !memcmp(d, "\xEF\xBB\xBF", 3))
			d += 3, dl -= 3;
		v[nv++] = (tarfile){rel, d, dl};
	}
	if (!nv)
		*why = "no files in chart archive";
	*count = nv;
	return nv ? v : NULL;
}

static bool write_member(hlint *L, const char *root, const tarfile *f)
{
	const char *full = hlint_join_path(L, root, f->name);
	char *dir = harena_strdup(L->a, full);
	if (!dir)
		return false;
	for (char *p = dir + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(dir, 0755) && errno != EEXIST)
			return false;
		*p = '/';
	}
	FILE *o = fopen(full, "wb");
	if (!o)
		return false;
	bool ok = fwrite(f->data, 1, f->len, o) == f->len;
	return fclose(o) == 0 && ok;
}

static int rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(p);
}

/* Expands the archive at path; *dir is the chart directory to lint and *tmp the directory to
 * remove afterwards. A failure helm reports as the chart's error sets c->fatal. */
bool hlint_expand_archive(hlint *L, hlint_chart *c, const char *path, const char **dir,
                          char **tmp)
{
	hbuf raw = HBUF_INIT;
	const char *why = NULL, *wrap = "unable to extract tarball";
	char t[1400];
	*tmp = NULL;
	if (!gunzip_file(path, &raw, &why)) {
		if (why && !strcmp(why, "open"))
			snprintf(t, sizeof t, "unable to open tarball: open %s: %s", path, herr_errno(errno));
		else
			snprintf(t, sizeof t, "%s: %s", wrap, why ? why : "out of memory");
		hbuf_free(&raw);
		return (c->fatal = harena_strdup(L->a, t)) != NULL;
	}
	size_t n = 0;
	const char *data = harena_strndup(L->a, raw.data ? raw.data : "", raw.len);
	tarfile *fs = data ? tar_members(L, data, raw.len, &n, &why) : NULL;
	hbuf_free(&raw);
	const char *name = NULL;
	for (size_t i = 0; fs && i < n; i++) {
		hv md;
		herr e = HTMPL_ERROR_INIT;
		if (strcmp(fs[i].name, "Chart.yaml"))
			continue;
		if (!hyaml_load(L->a, fs[i].data, fs[i].len, &md, &e)) {
			snprintf(t, sizeof t, "%s: cannot load Chart.yaml: %s", wrap, htmpl_error_message(&e));
			htmpl_error_clear(&e);
			return (c->fatal = harena_strdup(L->a, t)) != NULL;
		}
		name = hlint_md_str(L, &md, "name");
	}
	if (!fs || !name || !*name || strchr(name, '/') || !strcmp(name, "..")) {
		snprintf(t, sizeof t, "%s: %s", wrap, !fs ? (why ? why : "out of memory") : "chart name not specified");
		return (c->fatal = harena_strdup(L->a, t)) != NULL;
	}
	const char *base = getenv("TMPDIR");
	char *tdir = (char *)hlint_join_path(L, base && *base ? base : "/tmp", "helm-lintXXXXXX");
	if (!mkdtemp(tdir)) {
		snprintf(t, sizeof t, "unable to create temp dir to extract tarball: %s", herr_errno(errno));
		return (c->fatal = harena_strdup(L->a, t)) != NULL;
	}
	*tmp = tdir;
	*dir = hlint_join_path(L, tdir, name);
	if (mkdir(*dir, 0755))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!write_member(L, *dir, &fs[i]))
			return false;
	return true;
}

void hlint_remove_tree(const char *dir)
{
	if (dir)
		nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}
