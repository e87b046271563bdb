/* lint_cmd.c - `htmpl lint`: the flags of `helm lint` (cmd/helm/lint.go: -f/--values, the
 * --set family, --strict, --quiet, --with-subcharts, --kube-version, -n, --skip-schema-
 * validation) plus htmpl's --validate, --schema-location DIR, --rules recommended and
 * --output text|json|github|junit|tap. It prints what helm prints on stdout and stderr and exits as helm
 * does (1 when a chart fails). Uses only include/htmpl.h. */
#include <htmpl.h>

#include "cli/helm_version.h"
#include "cli/jobs.h"

#include "cli/flags.h"
#include "cli/report_flags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hcli_lint(int argc, char **argv);

static const char lint_usage[] =
	"Runs helm lint's checks (helm 3.17) on each chart, plus optional Kubernetes schema\n"
	"validation and best-practice rules.\n"
	"\n"
	"Usage:\n"
	"  htmpl lint [PATH...] [flags]\n"
	"\n";

#define lint_fail hflags_fail

/* -f takes a comma-separated list (a pflag StringSlice). */
static bool add_values(htmpl_render_opts *ro, const char *list)
{
	char *copy = strdup(list);
	if (!copy)
		return false;
	bool ok = true;
	for (char *save = NULL, *p = strtok_r(copy, ",", &save); p && ok; p = strtok_r(NULL, ",", &save))
		ok = htmpl_render_opts_add_values_file(ro, p);
	free(copy);
	return ok;
}

typedef struct lstate {
	htmpl_lint_opts *o;
	unsigned flags;
	unsigned render_flags;
	int help;
	hcli_reports rep;
} lstate;

static int apply(void *ud, const hflags_def *f, const char *v, const char *spelled)
{
	lstate *st = ud;
	(void)spelled;
	htmpl_render_opts *ro = htmpl_lint_opts_render(st->o);
	bool ok = true, b = !strcmp(v, "true");
	unsigned bit = 0;
	switch (f->id) {
	case F_VALUES: ok = add_values(ro, v); break;
	case F_SET: ok = htmpl_render_opts_add_set(ro, HTMPL_SET, v); break;
	case F_SET_STRING: ok = htmpl_render_opts_add_set(ro, HTMPL_SET_STRING, v); break;
	case F_SET_JSON: ok = htmpl_render_opts_add_set(ro, HTMPL_SET_JSON, v); break;
	case F_SET_FILE: ok = htmpl_render_opts_add_set(ro, HTMPL_SET_FILE, v); break;
	case F_SET_LITERAL: ok = htmpl_render_opts_add_set(ro, HTMPL_SET_LITERAL, v); break;
	case F_NS: ok = htmpl_render_opts_set_namespace(ro, *v ? v : "default"); break;
	case F_KUBE: ok = htmpl_render_opts_set_kube_version(ro, v); break;
	case F_STRICT: bit = HTMPL_LINT_STRICT; break;
	case F_QUIET: bit = HTMPL_LINT_QUIET; break;
	case F_SUBCHARTS: bit = HTMPL_LINT_WITH_SUBCHARTS; break;
	case F_VALIDATE: bit = HTMPL_LINT_VALIDATE; break;
	case F_SKIP_SCHEMA:
		st->render_flags = b ? st->render_flags | HTMPL_RENDER_SKIP_SCHEMA
		                     : st->render_flags & ~(unsigned)HTMPL_RENDER_SKIP_SCHEMA;
		break;
	case F_SCHEMA_LOC: ok = htmpl_lint_opts_set_schema_location(st->o, v); break;
	case F_RULES:
		if (strcmp(v, "recommended"))
			return lint_fail("unknown rule set \"%s\" (known: recommended)", v);
		bit = HTMPL_LINT_RULES;
		break;
	case F_OUTPUT:
		if (!strcmp(v, "text"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_TEXT);
		else if (!strcmp(v, "json"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_JSON);
		else if (!strcmp(v, "github"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_GITHUB);
		else if (!strcmp(v, "junit"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_JUNIT);
		else if (!strcmp(v, "tap"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_TAP);
		else
			return lint_fail("invalid output format \"%s\" (text, json, github, junit or tap)", v);
		/* the value reports follow the lint's format (text beside junit and tap) */
		hcli_reports_apply(&st->rep, F_REPORT_FORMAT,
		                   !strcmp(v, "junit") || !strcmp(v, "tap") ? "text" : v);
		break;
	default: {
		int r = hcli_reports_apply(&st->rep, f->id, v);
		if (r > 0)
			return r;
		break; /* else a global flag without effect in lint (cli/flags.c) */
	}
	}
	if (bit)
		st->flags = b ? st->flags | bit : st->flags & ~bit;
	return ok ? 0 : lint_fail("%s", "out of memory");
}

static int parse(lstate *st, int argc, char **argv)
{
	const char **pos = calloc((size_t)argc + 1, sizeof *pos);
	int npos = 0;
	bool help = false;
	if (!pos)
		return lint_fail("%s", "out of memory");
	/* HELM_NAMESPACE is -n's default (pkg/cli/environment.go) */
	const char *ns = getenv("HELM_NAMESPACE");
	if (ns && *ns && !htmpl_render_opts_set_namespace(htmpl_lint_opts_render(st->o), ns))
		return free(pos), lint_fail("%s", "out of memory");
	int rc = hflags_parse(HC_LINT, argc, argv, 1, apply, st, pos, argc, &npos, &help);
	st->help = help;
	for (int i = 0; !rc && i < npos; i++)
		if (!htmpl_lint_opts_add_path(st->o, pos[i]))
			rc = lint_fail("%s", "out of memory");
	free(pos);
	return rc;
}

int hcli_lint(int argc, char **argv)
{
	lstate st = {.o = htmpl_lint_opts_new()};
	if (!st.o)
		return lint_fail("%s", "out of memory");
	int rc = parse(&st, argc, argv);
	if (rc || st.help) {
		if (st.help) {
			fputs(lint_usage, stdout);
			hflags_usage(stdout, HC_LINT);
		}
		htmpl_lint_opts_free(st.o);
		return rc;
	}
	htmpl_lint_opts_set_flags(st.o, st.flags);
	/* the float check is on by default in lint */
	unsigned what = st.rep.what | (st.rep.no_float ? 0 : HTMPL_REPORT_FLOAT);
	htmpl_lint_opts_set_reports(st.o, what);
	htmpl_report *report = NULL;
	if (st.render_flags)
		htmpl_render_opts_set_flags(htmpl_lint_opts_render(st.o), st.render_flags);
	htmpl_env *env = htmpl_env_new();
	hcli_helm_apply(env);
	hcli_jobs_apply(env);
	char *out = NULL, *err_text = NULL;
	int status = 1;
	htmpl_error err = HTMPL_ERROR_INIT;
	if (!env) {
		rc = lint_fail("%s", "out of memory");
	} else if (!htmpl_lint_report(env, st.o, &out, &err_text, &status, &report, &err)) {
		rc = lint_fail("%s", htmpl_error_message(&err));
	} else {
		/* text: unused values and missing keys on stdout after helm's lint output, floats
		 * on stderr after helm's; json and github: every report on stderr, so that stdout
		 * stays one document */
		fputs(out, stdout);
		unsigned on_out = (1u << HTMPL_FINDING_UNUSED) | (1u << HTMPL_FINDING_MISSING);
		if (st.rep.format == HTMPL_REPORT_FORMAT_TEXT)
			hcli_reports_print(&st.rep, report, on_out, stdout);
		fflush(stdout);
		fputs(err_text, stderr);
		if (st.rep.format == HTMPL_REPORT_FORMAT_TEXT)
			hcli_reports_print(&st.rep, report, 1u << HTMPL_FINDING_FLOAT, stderr);
		else if (st.rep.what || htmpl_report_count(report))
			hcli_reports_print(&st.rep, report, ~0u, stderr);
		rc = status ? status : hcli_reports_failed(&st.rep, report);
	}
	htmpl_report_free(report);
	free(out);
	free(err_text);
	htmpl_error_clear(&err);
	htmpl_env_free(env);
	htmpl_lint_opts_free(st.o);
	return rc;
}
