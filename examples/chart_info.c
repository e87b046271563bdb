/* chart_info - reads a chart's metadata and renders it into a list of manifests.
 *
 *   chart_info CHART      prints Chart.yaml's facts, the templates, the default values' top
 *                         keys and one line per rendered manifest (source, kind, name, hook)
 *   chart_info            builds a small chart from files in memory and checks its manifests
 *                         (meson test runs both forms)
 *
 * Only htmpl.h is used. */
#include <htmpl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int show(htmpl_chart *chart, const htmpl_render_opts *opts, htmpl_error *err)
{
	printf("chart %s %s (app %s, %s, apiVersion %s)\n", htmpl_chart_name(chart),
	       htmpl_chart_version(chart), htmpl_chart_app_version(chart), htmpl_chart_type(chart),
	       htmpl_chart_api_version(chart));
	for (size_t i = 0; i < htmpl_chart_template_count(chart); i++) {
		size_t len;
		const char *path = htmpl_chart_template(chart, i, NULL, &len);
		printf("  template %s (%zu bytes)\n", path, len);
	}
	htmpl_map *values = htmpl_value_map(htmpl_chart_values(chart));
	for (size_t i = 0; i < htmpl_map_len(values); i++) {
		const char *k;
		const htmpl_value *v = htmpl_map_at(values, i, &k, NULL);
		printf("  value %s: %s\n", k, htmpl_value_type_name(v));
	}
	const htmpl_list *deps = htmpl_value_list(htmpl_chart_dependencies(chart));
	for (size_t i = 0; i < htmpl_list_len(deps); i++) {
		const htmpl_value *n = htmpl_map_get(htmpl_value_map(htmpl_list_get(deps, i)), "name", 4);
		printf("  dependency %s\n", n ? htmpl_value_string(n, NULL) : "?");
	}
	htmpl_manifests *m = htmpl_render_manifests(chart, opts, NULL, err);
	if (!m)
		return 1;
	for (size_t i = 0; i < htmpl_manifests_count(m); i++) {
		const htmpl_manifest *p = htmpl_manifests_get(m, i);
		printf("  manifest %s %s/%s%s%s (%zu bytes)\n", p->source, p->kind, p->name,
		       p->hook ? " hook=" : "", p->hook ? p->hook : "", p->len);
		if (getenv("CHART_INFO_TEXT"))
			printf("[%.*s]\n", (int)p->len, p->text);
	}
	htmpl_manifests_free(m);
	return 0;
}

#define FILE_OF(p, s) {p, s, sizeof s - 1}
static const htmpl_chart_file files[] = {
	FILE_OF("Chart.yaml", "apiVersion: v2\nname: mem\nversion: 1.2.3\nappVersion: \"4.5\"\n"),
	FILE_OF("values.yaml", "port: 80\nname: web\n"),
	FILE_OF("templates/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n"
	                              "spec:\n  ports: [{port: {{ .Values.port }}}]\n"),
	FILE_OF("templates/test.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: t\n  annotations:\n"
	                               "    helm.sh/hook: test\n"),
	FILE_OF("templates/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns1\n"),
};

static const char expected[] = "chart mem 1.2.3 (app 4.5, application, apiVersion v2)\n"
                               "  template templates/ns.yaml (53 bytes)\n"
                               "  template templates/svc.yaml (110 bytes)\n"
                               "  template templates/test.yaml (83 bytes)\n"
                               "  value name: string\n"
                               "  value port: float64\n"
                               "  manifest mem/templates/ns.yaml Namespace/ns1 (52 bytes)\n"
                               "  manifest mem/templates/svc.yaml Service/web (78 bytes)\n"
                               "  manifest mem/templates/test.yaml Pod/t hook=test (82 bytes)\n";

int main(int argc, char **argv)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	htmpl_render_opts *opts = htmpl_render_opts_new();
	htmpl_chart *chart = NULL;
	int rc = 1;
	if (!env || !opts)
		goto done;
	htmpl_render_opts_set_env(opts, env);
	if (argc > 1) {
		if ((chart = htmpl_chart_load(env, argv[1], &err)))
			rc = show(chart, opts, &err);
		goto done;
	}
	if (!(chart = htmpl_chart_load_files(env, "mem", files, sizeof files / sizeof *files, &err)))
		goto done;
	/* The printed lines are caught in a memory stream and compared with the expected text. */
	char *buf = NULL;
	size_t len = 0;
	FILE *saved = stdout, *mem = open_memstream(&buf, &len);
	if (!mem)
		goto done;
	stdout = mem;
	rc = show(chart, opts, &err);
	fclose(mem);
	stdout = saved;
	fwrite(buf, 1, len, stdout);
	if (rc == 0 && (len != sizeof expected - 1 || memcmp(buf, expected, len))) {
		fprintf(stderr, "chart_info: differs from the expected text:\n%s", expected);
		rc = 1;
	}
	free(buf);
done:
	if (err.code)
		fprintf(stderr, "chart_info: %s\n", htmpl_error_message(&err));
	htmpl_error_clear(&err);
	htmpl_chart_free(chart);
	htmpl_render_opts_free(opts);
	htmpl_env_free(env);
	return rc;
}
