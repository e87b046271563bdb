/* helm_text.c - a text file read whole, and a template run with helm's functions over YAML
 * data (see helm_text.h). Uses only include/htmpl.h. */
#include <htmpl.h>

#include "cli/helm_text.h"
#include "cli/helm_version.h"
#include "cli/jobs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *hcli_read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	char tmp[8192];
	size_t n;
	while (m && (n = fread(tmp, 1, sizeof tmp, f)) > 0)
		fwrite(tmp, 1, n, m);
	fclose(f);
	if (m)
		fclose(m);
	return buf;
}

char *hcli_run_template(const char *name, const char *text, const char *data, char **why)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	if (env) {
		hcli_helm_apply(env);
		hcli_jobs_apply(env);
	}
	htmpl_template *t = env ? htmpl_template_parse(env, name, text, strlen(text), &err) : NULL;
	char *out = t ? htmpl_template_execute(t, NULL, data, NULL, &err) : NULL;
	if (!out && why)
		*why = strdup(err.code ? err.message : "out of memory");
	htmpl_error_clear(&err);
	htmpl_template_free(t);
	htmpl_env_free(env);
	return out;
}
