/* render_chart - renders a chart through the public API and prints the manifests.
 *
 *   render_chart CHART [VALUES.yaml] [--set expressions...]
 *
 * This is the smallest complete use of libhtmpl: one environment, one loaded chart, one
 * render. Everything it touches is declared in htmpl.h. */
#include <htmpl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s CHART [VALUES.yaml] [SET...]\n", argv[0]);
		return 2;
	}
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	htmpl_render_opts *opts = htmpl_render_opts_new();
	htmpl_chart *chart = NULL;
	char *out = NULL, *warnings = NULL;
	int rc = 1;
	if (!env || !opts)
		goto done;
	if (!(chart = htmpl_chart_load(env, argv[1], &err)))
		goto done;
	htmpl_render_opts_set_release(opts, "example");
	htmpl_render_opts_set_namespace(opts, "default");
	for (int i = 2; i < argc; i++) {
		size_t n = strlen(argv[i]);
		bool is_file = n > 5 && (!strcmp(argv[i] + n - 5, ".yaml") || !strcmp(argv[i] + n - 4, ".yml"));
		if (!(is_file ? htmpl_render_opts_add_values_file(opts, argv[i])
		              : htmpl_render_opts_add_set(opts, HTMPL_SET, argv[i])))
			goto done;
	}
	size_t len;
	if (!(out = htmpl_render(chart, opts, &len, &warnings, &err)))
		goto done;
	fwrite(out, 1, len, stdout);
	rc = 0;
done:
	if (warnings)
		fputs(warnings, stderr);
	if (rc)
		fprintf(stderr, "Error: %s\n", err.code ? err.message : "out of memory");
	free(out);
	free(warnings);
	htmpl_error_clear(&err);
	htmpl_chart_free(chart);
	htmpl_render_opts_free(opts);
	htmpl_env_free(env);
	return rc;
}
