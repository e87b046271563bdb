/* lint_cmd.c - `htmpl lint`: the flags of `helm lint` (cmd/helm/lint.go: -f/--values, the
 * --set family, --strict, --quiet, --with-subcharts, --kube-version, -n, --skip-schema-
 * validation) plus htmpl's --validate, --schema-location DIR, --rules recommended and
 * --output text|json|github. It prints what helm prints on stdout and stderr and exits as helm
 * does (1 when a chart fails). Uses only include/htmpl.h. */
#include <htmpl.h>

#include "cli/helm_version.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hcli_lint(int argc, char **argv);

static const char lint_usage[] =
	"Usage:\n"
	"  htmpl lint [PATH...] [flags]\n"
	"\n"
	"Runs helm lint's checks (helm 4.1.4, or 3.17.3 with --helm 3) on each chart, plus optional Kubernetes schema\n"
	"validation and best-practice rules.\n"
	"\n"
	"Flags:\n"
	"  -f, --values FILE           values file, repeatable or comma-separated\n"
	"      --set K=V               set values (also --set-string, --set-json, --set-file,\n"
	"                              --set-literal)\n"
	"  -n, --namespace NS          namespace for .Release.Namespace\n"
	"      --kube-version V        Kubernetes version for capabilities and deprecations\n"
	"      --strict                fail on lint warnings\n"
	"      --quiet                 print only warnings and errors\n"
	"      --with-subcharts        lint dependent charts\n"
	"      --skip-schema-validation  skip the schema check of the templates rule (helm 3's\n"
	"                              values rule still checks values.schema.json)\n"
	"      --validate              validate rendered manifests against the Kubernetes schema\n"
	"      --schema-location DIR   kubeconform-style JSON schemas (CRDs, other versions)\n"
	"      --rules recommended     best-practice rules (silence per resource with the\n"
	"                              annotation htmpl.io/ignore: rule-id,...)\n"
	"  -o, --output FORMAT         text (helm's, default), json or github\n"
	"      --helm 3|4              reproduce helm 3.17.3 or helm 4.1.4 (default 4; also\n"
	"                              the environment variable HTMPL_HELM)\n";

enum {
	L_VALUES, L_SET, L_SET_STRING, L_SET_JSON, L_SET_FILE, L_SET_LITERAL, L_NS, L_KUBE,
	L_STRICT, L_QUIET, L_SUBCHARTS, L_SKIP_SCHEMA, L_VALIDATE, L_SCHEMA_LOC, L_RULES, L_OUTPUT,
	L_DEBUG, L_HELP,
};

typedef struct lflag {
	const char *name;
	char shorthand;
	bool value;
	int id;
} lflag;

static const lflag lflags[] = {
	{"values", 'f', true, L_VALUES},        {"set", 0, true, L_SET},
	{"set-string", 0, true, L_SET_STRING},  {"set-json", 0, true, L_SET_JSON},
	{"set-file", 0, true, L_SET_FILE},      {"set-literal", 0, true, L_SET_LITERAL},
	{"namespace", 'n', true, L_NS},         {"kube-version", 0, true, L_KUBE},
	{"strict", 0, false, L_STRICT},         {"quiet", 0, false, L_QUIET},
	{"with-subcharts", 0, false, L_SUBCHARTS}, {"skip-schema-validation", 0, false, L_SKIP_SCHEMA},
	{"validate", 0, false, L_VALIDATE},     {"schema-location", 0, true, L_SCHEMA_LOC},
	{"rules", 0, true, L_RULES},            {"output", 'o', true, L_OUTPUT},
	{"debug", 0, false, L_DEBUG},           {"help", 'h', false, L_HELP},
};

static int lint_fail(const char *fmt, const char *arg)
{
	fputs("Error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

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
} lstate;

static int apply(lstate *st, const lflag *f, const char *v)
{
	htmpl_render_opts *ro = htmpl_lint_opts_render(st->o);
	static const htmpl_set_kind kinds[] = {
		[L_SET] = HTMPL_SET, [L_SET_STRING] = HTMPL_SET_STRING, [L_SET_JSON] = HTMPL_SET_JSON,
		[L_SET_FILE] = HTMPL_SET_FILE, [L_SET_LITERAL] = HTMPL_SET_LITERAL,
	};
	bool ok = true;
	switch (f->id) {
	case L_VALUES: ok = add_values(ro, v); break;
	case L_SET: case L_SET_STRING: case L_SET_JSON: case L_SET_FILE: case L_SET_LITERAL:
		ok = htmpl_render_opts_add_set(ro, kinds[f->id], v);
		break;
	case L_NS: ok = htmpl_render_opts_set_namespace(ro, v); break;
	case L_KUBE: ok = htmpl_render_opts_set_kube_version(ro, v); break;
	case L_STRICT: st->flags |= HTMPL_LINT_STRICT; break;
	case L_QUIET: st->flags |= HTMPL_LINT_QUIET; break;
	case L_SUBCHARTS: st->flags |= HTMPL_LINT_WITH_SUBCHARTS; break;
	case L_SKIP_SCHEMA: st->render_flags |= HTMPL_RENDER_SKIP_SCHEMA; break;
	case L_VALIDATE: st->flags |= HTMPL_LINT_VALIDATE; break;
	case L_SCHEMA_LOC: ok = htmpl_lint_opts_set_schema_location(st->o, v); break;
	case L_RULES:
		if (strcmp(v, "recommended"))
			return lint_fail("unknown rule set \"%s\" (known: recommended)", v);
		st->flags |= HTMPL_LINT_RULES;
		break;
	case L_OUTPUT:
		if (!strcmp(v, "text"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_TEXT);
		else if (!strcmp(v, "json"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_JSON);
		else if (!strcmp(v, "github"))
			htmpl_lint_opts_set_output(st->o, HTMPL_LINT_OUTPUT_GITHUB);
		else
			return lint_fail("invalid output format \"%s\" (text, json or github)", v);
		break;
	case L_HELP: st->help = 1; break;
	default: break;
	}
	return ok ? 0 : lint_fail("%s", "out of memory");
}

static const lflag *find_flag(const char *name, size_t n, char shorthand)
{
	for (size_t i = 0; i < sizeof lflags / sizeof *lflags; i++) {
		if (shorthand && lflags[i].shorthand == shorthand)
			return &lflags[i];
		if (!shorthand && strlen(lflags[i].name) == n && !strncmp(lflags[i].name, name, n))
			return &lflags[i];
	}
	return NULL;
}

/* pflag syntax: --name value, --name=value, -x value, -xvalue, -x=value; `--` ends flags. */
static int parse(lstate *st, int argc, char **argv)
{
	bool flags_done = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (flags_done || a[0] != '-' || !a[1]) {
			if (!htmpl_lint_opts_add_path(st->o, a))
				return lint_fail("%s", "out of memory");
			continue;
		}
		if (!strcmp(a, "--")) {
			flags_done = true;
			continue;
		}
		bool lng = a[1] == '-';
		const char *name = a + (lng ? 2 : 1);
		const char *eq = strchr(name, '=');
		size_t n = lng ? (eq ? (size_t)(eq - name) : strlen(name)) : 1;
		const lflag *f = find_flag(name, n, lng ? 0 : name[0]);
		if (!f) {
			char t[256];
			snprintf(t, sizeof t, "%s%.*s", lng ? "--" : "-", (int)n, name);
			return lint_fail(lng ? "unknown flag: %s" : "unknown shorthand flag: %s", t);
		}
		const char *v = NULL;
		if (f->value) {
			if (eq)
				v = eq + 1;
			else if (!lng && name[1])
				v = name[1] == '=' ? name + 2 : name + 1;
			else if (i + 1 < argc)
				v = argv[++i];
			else
				return lint_fail("flag needs an argument: %s", a);
		}
		int rc = apply(st, f, v ? v : "");
		if (rc)
			return rc;
	}
	return 0;
}

int hcli_lint(int argc, char **argv)
{
	lstate st = {.o = htmpl_lint_opts_new()};
	if (!st.o)
		return lint_fail("%s", "out of memory");
	int rc = parse(&st, argc, argv);
	if (rc || st.help) {
		if (st.help)
			fputs(lint_usage, stdout);
		htmpl_lint_opts_free(st.o);
		return rc;
	}
	htmpl_lint_opts_set_flags(st.o, st.flags);
	if (st.render_flags)
		htmpl_render_opts_set_flags(htmpl_lint_opts_render(st.o), st.render_flags);
	htmpl_env *env = htmpl_env_new();
	hcli_helm_apply(env);
	char *out = NULL, *err_text = NULL;
	int status = 1;
	htmpl_error err = HTMPL_ERROR_INIT;
	if (!env) {
		rc = lint_fail("%s", "out of memory");
	} else if (!htmpl_lint(env, st.o, &out, &err_text, &status, &err)) {
		rc = lint_fail("%s", htmpl_error_message(&err));
	} else {
		fputs(out, stdout);
		fflush(stdout);
		fputs(err_text, stderr);
		rc = status;
	}
	free(out);
	free(err_text);
	htmpl_error_clear(&err);
	htmpl_env_free(env);
	htmpl_lint_opts_free(st.o);
	return rc;
}
