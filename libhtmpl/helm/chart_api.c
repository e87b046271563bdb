/* chart_api.c - the public chart API beyond load and render (include/htmpl.h): Chart.yaml
 * metadata, the template list, default values and subcharts of a loaded chart; loading a
 * chart from memory (a .tgz, or path -> bytes as Helm's loader.LoadFiles takes them); and
 * render results as a list of manifests (htmpl_manifests).
 *
 * The manifest list is cut from the very text htmpl_render returns, so it cannot drift from
 * `helm template`: every piece helm prints starts `---\n# Source: PATH\n`. Kind, name and
 * hook are read from the piece's YAML as Helm's releaseutil.SortManifests reads them (kind,
 * metadata.name, the helm.sh/hook annotation). */
#include "data/yaml.h"
#include "helm/chart.h"
#include "helm/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* ---------------------------------------------------------------- metadata */

static const hv *md_get(const htmpl_chart *chart, const char *key)
{
	if (!chart || !hv_is_map(&chart->c.metadata))
		return NULL;
	return hmap_gets(chart->c.metadata.m, key);
}

static const char *md_str(const htmpl_chart *chart, const char *key)
{
	const hv *v = md_get(chart, key);
	return v && v->type == HT_STRING ? v->s->data : "";
}

const htmpl_value *htmpl_chart_metadata(const htmpl_chart *chart)
{
	return chart ? &chart->c.metadata : NULL;
}

const char *htmpl_chart_version(const htmpl_chart *chart) { return md_str(chart, "version"); }
const char *htmpl_chart_app_version(const htmpl_chart *chart) { return md_str(chart, "appVersion"); }
const char *htmpl_chart_api_version(const htmpl_chart *chart) { return md_str(chart, "apiVersion"); }

const char *htmpl_chart_type(const htmpl_chart *chart)
{
	if (!chart)
		return "";
	return chart->c.is_library ? "library" : "application";
}

const htmpl_value *htmpl_chart_dependencies(const htmpl_chart *chart)
{
	return chart ? &chart->c.dependencies : NULL;
}

const htmpl_value *htmpl_chart_values(const htmpl_chart *chart)
{
	return chart ? &chart->c.values : NULL;
}

size_t htmpl_chart_template_count(const htmpl_chart *chart) { return chart ? chart->c.ntemplates : 0; }

const char *htmpl_chart_template(const htmpl_chart *chart, size_t i, const char **data, size_t *len)
{
	if (!chart || i >= chart->c.ntemplates)
		return NULL;
	const hfile *f = &chart->c.templates[i];
	if (data)
		*data = f->data;
	if (len)
		*len = f->len;
	return f->name;
}

size_t htmpl_chart_subchart_count(const htmpl_chart *chart) { return chart ? chart->c.nsubcharts : 0; }

const htmpl_chart *htmpl_chart_subchart(const htmpl_chart *chart, size_t i)
{
	if (!chart || i >= chart->c.nsubcharts)
		return NULL;
	return (const htmpl_chart *)chart->c.subcharts[i];
}

/* ---------------------------------------------------------------- loading from memory */

htmpl_chart *htmpl_chart_load_archive(const htmpl_env *env, const char *name, const void *data,
                                      size_t len, htmpl_error *err)
{
	if (!env || !name || (!data && len)) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_chart_load_archive: NULL argument");
		return NULL;
	}
	return (htmpl_chart *)hchart_load_archive(env, name, data ? data : "", len, err);
}

/* A ustar header for a regular file NAME (split into prefix/name when over 100 bytes). */
static bool tar_header(hbuf *b, const char *name, size_t len)
{
	char h[512];
	memset(h, 0, sizeof h);
	size_t n = strlen(name), split = 0;
	if (n > 100) {
		for (size_t i = n - 1; i > 0 && !split; i--)
			if (name[i] == '/' && n - i - 1 <= 100 && i <= 155)
				split = i;
		if (!split)
			return false;
		memcpy(h + 345, name, split);
		memcpy(h, name + split + 1, n - split - 1);
	} else {
		memcpy(h, name, n);
	}
	memcpy(h + 100, "0000644", 7);
	memcpy(h + 108, "0000000", 7);
	memcpy(h + 116, "0000000", 7);
	snprintf(h + 124, 12, "%011llo", (unsigned long long)len);
	memcpy(h + 136, "00000000000", 11);
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	unsigned sum = 0;
	for (size_t i = 0; i < sizeof h; i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum);
	hbuf_put(b, h, sizeof h);
	return true;
}

static bool gzip_buf(const hbuf *in, hbuf *out)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	size_t cap = deflateBound(&z, in->len) + 64;
	if (!hbuf_grow(out, cap)) {
		deflateEnd(&z);
		return false;
	}
	z.next_in = (Bytef *)in->data;
	z.avail_in = (uInt)in->len;
	z.next_out = (Bytef *)out->data;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	out->len = cap - z.avail_out;
	deflateEnd(&z);
	return rc == Z_STREAM_END;
}

/* Helm's loader.LoadFiles is what LoadArchive does after untarring (the archive's first
 * path element stripped), so the files are packed as NAME/PATH into a .tgz in memory and
 * loaded through the archive loader: the same checks, messages and limits. */
htmpl_chart *htmpl_chart_load_files(const htmpl_env *env, const char *name,
                                    const htmpl_chart_file *files, size_t n, htmpl_error *err)
{
	if (!env || !name || (!files && n)) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_chart_load_files: NULL argument");
		return NULL;
	}
	hbuf tar = HBUF_INIT, gz = HBUF_INIT, path = HBUF_INIT;
	htmpl_chart *c = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!files[i].path || (!files[i].data && files[i].len)) {
			herr_set(err, HTMPL_ERR_USAGE, "htmpl_chart_load_files: file %zu has a NULL path or data", i);
			goto done;
		}
		hbuf_reset(&path);
		hbuf_printf(&path, "%s/%s", name, files[i].path);
		if (!tar_header(&tar, hbuf_cstr(&path), files[i].len)) {
			herr_set(err, HTMPL_ERR_USAGE, "htmpl_chart_load_files: path too long: %s", files[i].path);
			goto done;
		}
		hbuf_put(&tar, files[i].data ? files[i].data : "", files[i].len);
		static const char zero[512];
		hbuf_put(&tar, zero, (512 - files[i].len % 512) % 512);
	}
	static const char end[1024];
	hbuf_put(&tar, end, sizeof end);
	if (!hbuf_ok(&tar) || !hbuf_ok(&path) || !gzip_buf(&tar, &gz)) {
		herr_nomem(err);
		goto done;
	}
	c = (htmpl_chart *)hchart_load_archive(env, name, gz.data, gz.len, err);
done:
	hbuf_free(&tar);
	hbuf_free(&gz);
	hbuf_free(&path);
	return c;
}

/* ---------------------------------------------------------------- manifests */

struct htmpl_manifests {
	char *text;
	size_t len;
	htmpl_manifest *v;
	size_t n;
	harena *arena; /* kinds, names, hooks */
};

static const char *str_at(const hv *m, const char *key)
{
	const hv *v = hv_is_map(m) ? hmap_gets(m->m, key) : NULL;
	return v && v->type == HT_STRING ? v->s->data : NULL;
}

/* kind, metadata.name and the helm.sh/hook annotation of one piece. */
static void describe(harena *a, htmpl_manifest *p)
{
	hv doc;
	herr e = HTMPL_ERROR_INIT;
	p->kind = p->name = "";
	p->hook = NULL;
	if (!hyaml_load(a, p->text, p->len, &doc, &e)) {
		htmpl_error_clear(&e);
		return;
	}
	const char *k = str_at(&doc, "kind");
	const hv *md = hv_is_map(&doc) ? hmap_gets(doc.m, "metadata") : NULL;
	const char *nm = md ? str_at(md, "name") : NULL;
	const hv *an = md && hv_is_map(md) ? hmap_gets(md->m, "annotations") : NULL;
	p->kind = k ? k : "";
	p->name = nm ? nm : "";
	p->hook = an ? str_at(an, "helm.sh/hook") : NULL;
}

static bool cut(htmpl_manifests *m)
{
	static const char head[] = "---\n# Source: ";
	const size_t hn = sizeof head - 1;
	size_t cap = 0;
	for (const char *p = m->text; (p = strstr(p, head)); p += hn)
		if (p == m->text || p[-1] == '\n')
			cap++;
	if (cap && !(m->v = calloc(cap, sizeof *m->v)))
		return false;
	const char *p = m->text, *end = m->text + m->len;
	while (m->n < cap && p < end && !strncmp(p, head, hn)) {
		const char *src = p + hn, *nl = memchr(src, '\n', (size_t)(end - src));
		if (!nl)
			break;
		const char *body = nl + 1, *next = body;
		while ((next = strstr(next, head)) && next[-1] != '\n')
			next += hn;
		if (!next)
			next = end;
		htmpl_manifest *piece = &m->v[m->n++];
		char *s = harena_strndup(m->arena, src, (size_t)(nl - src));
		if (!s)
			return false;
		piece->source = s;
		piece->text = body;
		piece->len = (size_t)(next - body);
		if (piece->len && body[piece->len - 1] == '\n')
			piece->len--; /* helm adds the newline after each piece */
		describe(m->arena, piece);
		p = next;
	}
	return true;
}

htmpl_manifests *htmpl_render_manifests(const htmpl_chart *chart, const htmpl_render_opts *opts,
                                        char **warnings, htmpl_error *err)
{
	if (warnings)
		*warnings = NULL;
	if (!chart || !opts) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_render_manifests: NULL argument");
		return NULL;
	}
	if (opts->output_dir) {
		herr_set(err, HTMPL_ERR_USAGE, "htmpl_render_manifests: the options set an output directory");
		return NULL;
	}
	htmpl_manifests *m = calloc(1, sizeof *m);
	if (!m || !(m->arena = harena_new())) {
		free(m);
		herr_nomem(err);
		return NULL;
	}
	if (!(m->text = htmpl_render(chart, opts, &m->len, warnings, err))) {
		htmpl_manifests_free(m);
		return NULL;
	}
	if (!cut(m)) {
		htmpl_manifests_free(m);
		herr_nomem(err);
		return NULL;
	}
	return m;
}

void htmpl_manifests_free(htmpl_manifests *m)
{
	if (!m)
		return;
	free(m->text);
	free(m->v);
	harena_free(m->arena);
	free(m);
}

size_t htmpl_manifests_count(const htmpl_manifests *m) { return m ? m->n : 0; }

const htmpl_manifest *htmpl_manifests_get(const htmpl_manifests *m, size_t i)
{
	return m && i < m->n ? &m->v[i] : NULL;
}

const char *htmpl_manifests_text(const htmpl_manifests *m, size_t *len)
{
	if (len)
		*len = m ? m->len : 0;
	return m ? m->text : "";
}
