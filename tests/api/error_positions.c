/* error_positions.c - htmpl_error carries the file, line and column its message names:
 * template parse errors (`template: NAME:LINE: ...`), execution errors
 * (`template: NAME:LINE:COL: executing ...`), values YAML (`failed to parse FILE: ...
 * yaml: line N: ...`), through the plain-template API and a chart render. Public API only. */
#include <htmpl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int bad;

static void expect(const char *what, const htmpl_error *e, const char *file, int line, int col,
                   const char *in_message)
{
	bool ok = e->code != HTMPL_OK && e->file && !strcmp(e->file, file) && e->line == line &&
	          e->col == col && strstr(e->message, in_message);
	printf("%s %s: file=%s line=%d col=%d: %s\n", ok ? "ok  " : "FAIL", what,
	       e->file ? e->file : "(null)", e->line, e->col, htmpl_error_message(e));
	bad += !ok;
}

static void plain(htmpl_env *env, const char *what, const char *text, const char *file, int line,
                  int col, const char *msg)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_template *t = htmpl_template_parse(env, "pos.tpl", text, strlen(text), &err);
	if (t)
		free(htmpl_template_execute(t, NULL, NULL, NULL, &err));
	expect(what, &err, file, line, col, msg);
	htmpl_template_free(t);
	htmpl_error_clear(&err);
}

int main(int argc, char **argv)
{
	htmpl_env *env = htmpl_env_new();
	if (!env || argc < 2)
		return 2;
	plain(env, "parse", "a\nb\n{{ if }}\n", "pos.tpl", 3, 0, "template: pos.tpl:3: missing value for if");
	plain(env, "exec", "a\n  {{ fail \"boom\" }}", "pos.tpl", 2, 5, "pos.tpl:2:5: executing");

	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_chart *chart = htmpl_chart_load(env, argv[1], &err);
	htmpl_render_opts *o = htmpl_render_opts_new();
	if (!chart || !o)
		return 2;
	htmpl_render_opts_set_env(o, env);
	static const char yaml[] = "a: 1\nb: [1,\nc: 3\n";
	htmpl_render_opts_add_values_yaml(o, "bad-values.yaml", yaml, sizeof yaml - 1);
	free(htmpl_render(chart, o, NULL, NULL, &err));
	char line[32];
	const char *p = err.message ? strstr(err.message, "yaml: line ") : NULL;
	snprintf(line, sizeof line, "yaml: line %d:", p ? atoi(p + 11) : -1);
	expect("values yaml", &err, "bad-values.yaml", p ? atoi(p + 11) : -1, 0, line);
	htmpl_error_clear(&err);
	htmpl_render_opts_free(o);
	htmpl_chart_free(chart);
	htmpl_env_free(env);
	return bad ? 1 : 0;
}
