/* fuzz_set - the --set family (strvals.c: Helm's pkg/strvals parser.go, literal_parser.go)
 * and the coalescing of its result with a chart's values (values.c: pkg/chartutil).
 *
 * The first byte picks options; the rest is one flag per line, the line's first byte picking
 * the flag ('0'..'4' or any byte mod 5: --set, --set-string, --set-json, --set-file,
 * --set-literal) and the rest its argument:
 *   bit 0  also coalesce: the non-file flags go through hvalues_prepare over a fixed chart
 *          (values with globals, a subchart with a condition and an alias), then toYaml
 *   bit 1  toYaml / toJson of the parsed tree
 * --set-file never touches the disk here: its reader returns the path text as the content. */
#include "helm/chart.h"
#include "fuzz_util.h"
#include "data/json.h"
#include "helm/strvals.h"
#include "data/yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static htmpl_env *env;
static hchart *chart;
static uint64_t seed;

static const char parent_chart[] =
	"apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n"
	"- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n"
	"- name: sub\n  alias: other\n  version: 0.1.0\n  tags: [t1]\n";
static const char parent_values[] = "a: {b: 1, c: [1, 2]}\nglobal: {g: 1, h: {i: x}}\n"
                                    "sub: {enabled: true, x: 1}\nother: {y: [a]}\nn: null\n";
static const char sub_chart[] = "apiVersion: v2\nname: sub\nversion: 0.1.0\n";
static const char sub_values[] = "x: 0\nlist: [1]\nglobal: {g: 2}\nmap: {k: v}\n";

static hchart *get_chart(void)
{
	if (chart || !env)
		return chart;
	fz_buf tar = {0}, tgz = {0};
	htmpl_error err = HTMPL_ERROR_INIT;
	if (fz_tar_add(&tar, "c/Chart.yaml", 12, '0', parent_chart, sizeof parent_chart - 1) &&
	    fz_tar_add(&tar, "c/values.yaml", 13, '0', parent_values, sizeof parent_values - 1) &&
	    fz_tar_add(&tar, "c/charts/sub/Chart.yaml", 23, '0', sub_chart, sizeof sub_chart - 1) &&
	    fz_tar_add(&tar, "c/charts/sub/values.yaml", 24, '0', sub_values, sizeof sub_values - 1) &&
	    fz_tar_end(&tar) && fz_gzip(tar.p, tar.len, &tgz))
		chart = hchart_load_archive(env, "c.tgz", tgz.p, tgz.len, &err);
	if (!chart)
		abort(); /* the fixed chart must load */
	htmpl_error_clear(&err);
	fz_buf_free(&tar);
	fz_buf_free(&tgz);
	return chart;
}

static bool fake_reader(void *ud, harena *a, const char *s, size_t n, hv *out, herr *err)
{
	(void)ud;
	if (n && s[0] == '!')
		return herr_set(err, HTMPL_ERR_IO, "open %.*s: no such file or directory", (int)(n > 64 ? 64 : n), s);
	return hv_string(a, s, n, out) || herr_nomem(err);
}

static void emit(const hv *v)
{
	hbuf b = HBUF_INIT;
	herr err = HTMPL_ERROR_INIT;
	hyaml_emit(&b, v, &err);
	hbuf_reset(&b);
	hjson_encode(&b, v, 0, &err);
	htmpl_error_clear(&err);
	hbuf_free(&b);
}

/* Each line straight into one map, as ParseInto and friends do. */
static void parse_lines(harena *a, const char *s, size_t n, unsigned opt, htmpl_render_opts *o)
{
	hmap *dest = hmap_new(a, 0);
	if (!dest)
		return;
	for (size_t i = 0; i < n;) {
		const char *eol = memchr(s + i, '\n', n - i);
		size_t end = eol ? (size_t)(eol - s) : n;
		if (end > i) {
			htmpl_set_kind kind = (htmpl_set_kind)((unsigned char)s[i] % 5);
			herr err = HTMPL_ERROR_INIT;
			hstrvals_parse(a, kind, s + i + 1, end - i - 1, dest, fake_reader, NULL, &err);
			htmpl_error_clear(&err);
			/* The public options take C strings: a NUL cuts the flag there. */
			char *expr = harena_strndup(a, s + i + 1, end - i - 1);
			if (o && expr && kind != HTMPL_SET_FILE)
				htmpl_render_opts_add_set(o, kind, expr);
		}
		i = end + 1;
	}
	hv v = hv_of_map(HT_MAP, dest);
	if (opt & 2)
		emit(&v);
}

static void coalesce(htmpl_render_opts *o, harena *a)
{
	hrchart *root = NULL;
	hbuf warn = HBUF_INIT;
	herr err = HTMPL_ERROR_INIT;
	if (hvalues_prepare(get_chart(), o, a, &root, &warn, &err) && root)
		emit(&root->values);
	htmpl_error_clear(&err);
	hbuf_free(&warn);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 64 * 1024)
		return 0;
	if (!env && (env = htmpl_env_new()))
		fz_env_setup(env, &seed);
	harena *a = harena_new();
	if (!env || !a) {
		harena_free(a);
		return 0;
	}
	harena_set_limit(a, 256u << 20);
	unsigned opt = data[0];
	htmpl_render_opts *o = (opt & 1) ? htmpl_render_opts_new() : NULL;
	if (o)
		htmpl_render_opts_set_env(o, env);
	parse_lines(a, (const char *)data + 1, size - 1, opt, o);
	if (o)
		coalesce(o, a);
	htmpl_render_opts_free(o);
	harena_free(a);
	return 0;
}
