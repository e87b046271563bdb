/* fuzz_template - template parse + execute, the surface every chart's templates/ reaches.
 *
 * The first byte picks options (as cmark's fuzz harness does); the rest is the template:
 *   bit 0  execute as well as parse
 *   bit 1  data: a small values tree (else nil)
 *   bit 2  Helm mode: the template becomes templates/t.yaml of a chart (with a _helpers.tpl,
 *          values.yaml and files), rendered by htmpl_render, so include/tpl/required/.Files
 *          and the manifest pipeline are reached too
 *   bit 3  (Helm mode) lint mode: required/fail only warn
 *   bit 4  (Helm mode) --set a.b=1,list={x,y} on top of values.yaml
 * The environment has a fixed clock and seeded randomness, and limits small enough that no
 * input runs long. Nothing may crash, hang or leak. */
#include "helm/chart.h"
#include "fuzz_util.h"

#include <htmpl.h>

#include <stdint.h>
#include <stdlib.h>

static const char values[] = "a: 1\nb: [x, y, {c: d}]\nm: {k: v, n: null}\ns: str\nf: 1.5\n"
                             "t: true\nnested: {l1: {l2: {l3: deep}}}\n";

static const char helpers[] =
	"{{- define \"c.name\" -}}{{ .Chart.Name | trunc 63 | trimSuffix \"-\" }}{{- end }}\n"
	"{{- define \"c.labels\" -}}\napp: {{ include \"c.name\" . }}\nrel: {{ .Release.Name }}\n{{- end }}\n"
	"{{- define \"c.rec\" -}}{{ if gt (int .) 0 }}{{ include \"c.rec\" (sub (int .) 1) }}{{ end }}{{- end }}\n";

static htmpl_env *env;
static uint64_t seed;

static htmpl_env *get_env(void)
{
	if (!env && (env = htmpl_env_new()))
		fz_env_setup(env, &seed);
	seed = 0x9e3779b97f4a7c15ull;
	return env;
}

static void run_plain(const char *text, size_t n, unsigned opt)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_template *t = htmpl_template_parse(env, "t", text, n, &err);
	if (t && (opt & 1)) {
		size_t len;
		free(htmpl_template_execute(t, "t", (opt & 2) ? values : NULL, &len, &err));
	}
	htmpl_template_free(t);
	htmpl_error_clear(&err);
}

static bool build_chart(const char *text, size_t n, fz_buf *tgz)
{
	static const char chart[] = "apiVersion: v2\nname: c\nversion: 0.1.0\nappVersion: \"1.0\"\n";
	static const char file[] = "k1: v1\nk2: v2\n";
	fz_buf tar = {0};
	bool ok = fz_tar_add(&tar, "c/Chart.yaml", 12, '0', chart, sizeof chart - 1) &&
	          fz_tar_add(&tar, "c/values.yaml", 13, '0', values, sizeof values - 1) &&
	          fz_tar_add(&tar, "c/templates/_helpers.tpl", 24, '0', helpers, sizeof helpers - 1) &&
	          fz_tar_add(&tar, "c/files/a.conf", 14, '0', file, sizeof file - 1) &&
	          fz_tar_add(&tar, "c/templates/t.yaml", 18, '0', text, n) && fz_tar_end(&tar) &&
	          fz_gzip(tar.p, tar.len, tgz);
	fz_buf_free(&tar);
	return ok;
}

static void run_helm(const char *text, size_t n, unsigned opt)
{
	fz_buf tgz = {0};
	htmpl_error err = HTMPL_ERROR_INIT;
	hchart *c = NULL;
	htmpl_render_opts *o = NULL;
	if (!build_chart(text, n, &tgz) || !(c = hchart_load_archive(env, "c.tgz", tgz.p, tgz.len, &err)))
		goto done;
	if (!(o = htmpl_render_opts_new()))
		goto done;
	htmpl_render_opts_set_env(o, env);
	htmpl_render_opts_set_release(o, "rel");
	htmpl_render_opts_set_namespace(o, "ns");
	htmpl_render_opts_set_flags(o, (opt & 8) ? HTMPL_RENDER_LINT_MODE : 0);
	if (opt & 16)
		htmpl_render_opts_add_set(o, HTMPL_SET, "a.b=1,list={x,y}");
	char *warn = NULL;
	size_t len;
	free(htmpl_render((htmpl_chart *)c, o, &len, &warn, &err));
	free(warn);
done:
	htmpl_render_opts_free(o);
	hchart_free(c);
	htmpl_error_clear(&err);
	fz_buf_free(&tgz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 64 * 1024 || !get_env())
		return 0;
	unsigned opt = data[0];
	const char *text = (const char *)data + 1;
	if (opt & 4)
		run_helm(text, size - 1, opt);
	else
		run_plain(text, size - 1, opt);
	return 0;
}
