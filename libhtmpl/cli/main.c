/* htmpl - the command-line interface: `htmpl render` and `htmpl template` take the flags of
 * `helm template` (cmd/helm/template.go, cmd/helm/install.go addInstallFlags, pkg/cli/values)
 * and print what helm prints; `htmpl lint` is `helm lint` (cli/lint_cmd.c); the limit flags
 * of render and template are in cli/limits.c, the `--helm 3|4` switch of every command in
 * cli/helm_version.c. It uses only include/htmpl.h.
 *
 * Errors go to stderr as `Error: MSG` (exit 1), with helm's `Use --debug flag to render out
 * invalid YAML` hint after render errors, and, beyond helm, the offending source line with a
 * caret when the error knows its file and line. */
#include <htmpl.h>

#include "cli/helm_version.h"
#include "cli/limits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define HTMPL_VERSION "0.1.0"

/* cli/lint_cmd.c: `htmpl lint`; argv[0] is "lint". Returns the exit status. */
int hcli_lint(int argc, char **argv);

static const char usage_text[] =
	"htmpl renders Helm charts exactly as `helm template` does (helm 4.1.4, or 3.17.3\n"
	"with --helm 3).\n"
	"\n"
	"Usage:\n"
	"  htmpl render CHART [flags]          (release name from --release-name NAME)\n"
	"  htmpl template [NAME] CHART [flags] (helm's argument order)\n"
	"  htmpl lint [PATH...] [flags]        helm lint (see htmpl lint --help)\n"
	"  htmpl version\n"
	"  htmpl --help\n"
	"\n"
	"Flags:\n"
	"      --release-name NAME     release name (render); with template: use the release\n"
	"                              name in the --output-dir path, as helm does\n"
	"  -n, --namespace NS          namespace (default \"default\")\n"
	"  -f, --values FILE           values file, repeatable or comma-separated (\"-\" = stdin)\n"
	"      --set K=V               set values (also --set-string, --set-json, --set-file,\n"
	"                              --set-literal)\n"
	"      --kube-version V        Kubernetes version for .Capabilities (default v1.35.0;\n"
	"                              v1.32.0 with --helm 3)\n"
	"  -a, --api-versions V        extra .Capabilities.APIVersions, repeatable\n"
	"      --include-crds          print the crds/ files first\n"
	"      --skip-tests            drop test hooks\n"
	"      --no-hooks              drop all hooks\n"
	"  -s, --show-only PATH        only the manifests of the templates matching PATH\n"
	"      --output-dir DIR        write the manifests to files under DIR\n"
	"      --is-upgrade            .Release.IsUpgrade instead of .Release.IsInstall\n"
	"      --name-template T       template for the release name\n"
	"      --generate-name         generate the release name\n"
	"      --skip-schema-validation  do not validate values against values.schema.json\n"
	"      --validate              (beyond helm) check the rendered manifests against the\n"
	"                              Kubernetes API schema; findings go to stderr, exit 1\n"
	"      --schema-location DIR   with --validate: kubeconform-style JSON schemas too\n"
	"      --strict-schemas        with --validate: a kind with no schema is a finding\n"
	"      --validate-output F     with --validate: text, json, junit, tap or github (stderr)\n";

typedef struct cli {
	bool template_mode;
	const char *release;     /* render: --release-name; template: NAME */
	bool release_flag;       /* template: --release-name (output dir level) */
	const char *name_template;
	bool generate_name;
	const char *output_dir;
	const char *args[3];
	int nargs;
	unsigned flags;
	bool validate;               /* --validate: htmpl_validate_manifests on the output */
	const char *schema_location; /* --schema-location DIR */
	const char *kube_version;    /* --kube-version, for --validate */
	bool strict_schemas;         /* --strict-schemas */
	const char *validate_output; /* --validate-output FORMAT */
	hcli_limits limits; /* --max-* flags and HTMPL_MAX_* variables */
} cli;

static int fail(const char *fmt, const char *arg)
{
	fputs("Error: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 1;
}

/* ---------------------------------------------------------------- flags */

typedef enum { F_BOOL, F_VALUE } fkind;

typedef struct flagdef {
	const char *name;
	char shorthand;
	fkind kind;
	int id;
} flagdef;

enum {
	O_RELEASE, O_NS, O_VALUES, O_SET, O_SET_STRING, O_SET_JSON, O_SET_FILE, O_SET_LITERAL,
	O_KUBE, O_API, O_CRDS, O_SKIP_TESTS, O_NO_HOOKS, O_SHOW, O_OUTDIR, O_UPGRADE, O_NAME_TPL,
	O_GENERATE, O_SKIP_SCHEMA, O_VALIDATE, O_SCHEMA_LOC, O_STRICT_SCHEMAS, O_VOUT, O_IGNORED_BOOL, O_IGNORED_VALUE,
};

static const flagdef flags[] = {
	{"release-name", 0, F_VALUE, O_RELEASE},
	{"namespace", 'n', F_VALUE, O_NS},
	{"values", 'f', F_VALUE, O_VALUES},
	{"set", 0, F_VALUE, O_SET},
	{"set-string", 0, F_VALUE, O_SET_STRING},
	{"set-json", 0, F_VALUE, O_SET_JSON},
	{"set-file", 0, F_VALUE, O_SET_FILE},
	{"set-literal", 0, F_VALUE, O_SET_LITERAL},
	{"kube-version", 0, F_VALUE, O_KUBE},
	{"api-versions", 'a', F_VALUE, O_API},
	{"include-crds", 0, F_BOOL, O_CRDS},
	{"skip-tests", 0, F_BOOL, O_SKIP_TESTS},
	{"no-hooks", 0, F_BOOL, O_NO_HOOKS},
	{"show-only", 's', F_VALUE, O_SHOW},
	{"output-dir", 0, F_VALUE, O_OUTDIR},
	{"is-upgrade", 0, F_BOOL, O_UPGRADE},
	{"name-template", 0, F_VALUE, O_NAME_TPL},
	{"generate-name", 'g', F_BOOL, O_GENERATE},
	{"skip-schema-validation", 0, F_BOOL, O_SKIP_SCHEMA},
	/* helm's --validate needs a cluster; htmpl validates against its built-in API schema */
	{"validate", 0, F_BOOL, O_VALIDATE},
	{"schema-location", 0, F_VALUE, O_SCHEMA_LOC},
	{"strict-schemas", 0, F_BOOL, O_STRICT_SCHEMAS},
	{"validate-output", 0, F_VALUE, O_VOUT},
	/* helm flags that change nothing without a cluster or repositories */
	{"debug", 0, F_BOOL, O_IGNORED_BOOL},
	{"enable-dns", 0, F_BOOL, O_IGNORED_BOOL},
	{"dependency-update", 0, F_BOOL, O_IGNORED_BOOL},
	{"devel", 0, F_BOOL, O_IGNORED_BOOL},
	{"atomic", 0, F_BOOL, O_IGNORED_BOOL},
	{"wait", 0, F_BOOL, O_IGNORED_BOOL},
	{"create-namespace", 0, F_BOOL, O_IGNORED_BOOL},
	{"version", 0, F_VALUE, O_IGNORED_VALUE},
	{"description", 0, F_VALUE, O_IGNORED_VALUE},
	{"timeout", 0, F_VALUE, O_IGNORED_VALUE},
	{"kubeconfig", 0, F_VALUE, O_IGNORED_VALUE},
	{"kube-context", 0, F_VALUE, O_IGNORED_VALUE},
	{"post-renderer", 0, F_VALUE, O_IGNORED_VALUE},
};

static const flagdef *find_long(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		if (strlen(flags[i].name) == len && memcmp(flags[i].name, name, len) == 0)
			return &flags[i];
	return NULL;
}

static const flagdef *find_short(char c)
{
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++)
		if (flags[i].shorthand == c)
			return &flags[i];
	return NULL;
}

/* Comma-separated values of a pflag StringSlice (-f). */
static bool add_csv_files(htmpl_render_opts *o, const char *v)
{
	char *copy = strdup(v), *save = NULL;
	if (!copy)
		return false;
	bool ok = true;
	for (char *p = strtok_r(copy, ",", &save); p && ok; p = strtok_r(NULL, ",", &save))
		ok = htmpl_render_opts_add_values_file(o, p);
	free(copy);
	return ok;
}

static bool parse_bool(const char *v, bool *out)
{
	static const char *const t[] = {"1", "t", "T", "true", "TRUE", "True"};
	static const char *const f[] = {"0", "f", "F", "false", "FALSE", "False"};
	for (size_t i = 0; i < 6; i++) {
		if (!strcmp(v, t[i]))
			return (*out = true);
		if (!strcmp(v, f[i]))
			return !(*out = false);
	}
	return false;
}

/* Applies one flag. Returns 0, or 1 after printing an error. */
static int apply(cli *c, htmpl_render_opts *o, const flagdef *f, const char *v, const char *spelled)
{
	bool b = true;
	if (f->kind == F_BOOL && v && !parse_bool(v, &b)) {
		fprintf(stderr, "Error: invalid argument \"%s\" for \"%s\" flag: strconv.ParseBool: "
		                "parsing \"%s\": invalid syntax\n", v, spelled, v);
		return 1;
	}
	bool ok = true;
	unsigned bit = 0;
	switch (f->id) {
	case O_RELEASE:
		if (c->template_mode)
			c->release_flag = b;
		else
			c->release = v;
		break;
	case O_NS: ok = htmpl_render_opts_set_namespace(o, v); break;
	case O_VALUES: ok = add_csv_files(o, v); break;
	case O_SET: ok = htmpl_render_opts_add_set(o, HTMPL_SET, v); break;
	case O_SET_STRING: ok = htmpl_render_opts_add_set(o, HTMPL_SET_STRING, v); break;
	case O_SET_JSON: ok = htmpl_render_opts_add_set(o, HTMPL_SET_JSON, v); break;
	case O_SET_FILE: ok = htmpl_render_opts_add_set(o, HTMPL_SET_FILE, v); break;
	case O_SET_LITERAL: ok = htmpl_render_opts_add_set(o, HTMPL_SET_LITERAL, v); break;
	case O_KUBE:
		ok = !*v || htmpl_render_opts_set_kube_version(o, v);
		c->kube_version = *v ? v : NULL;
		break;
	case O_VALIDATE: c->validate = b; break;
	case O_SCHEMA_LOC: c->schema_location = *v ? v : NULL; break;
	case O_STRICT_SCHEMAS: c->strict_schemas = b; break;
	case O_VOUT: c->validate_output = *v ? v : NULL; break;
	case O_API: ok = htmpl_render_opts_add_api_versions(o, v); break;
	case O_SHOW: ok = htmpl_render_opts_add_show_only(o, v); break;
	case O_OUTDIR: c->output_dir = *v ? v : NULL; break;
	case O_NAME_TPL: c->name_template = *v ? v : NULL; break;
	case O_GENERATE: c->generate_name = b; break;
	case O_CRDS: bit = HTMPL_RENDER_INCLUDE_CRDS; break;
	case O_SKIP_TESTS: bit = HTMPL_RENDER_SKIP_TESTS; break;
	case O_NO_HOOKS: bit = HTMPL_RENDER_NO_HOOKS; break;
	case O_UPGRADE: bit = HTMPL_RENDER_IS_UPGRADE; break;
	case O_SKIP_SCHEMA: bit = HTMPL_RENDER_SKIP_SCHEMA; break;
	default: break;
	}
	if (bit)
		c->flags = b ? c->flags | bit : c->flags & ~bit;
	if (!ok)
		return fail("%s", "out of memory");
	return 0;
}

/* A `-x...` cluster: pflag allows `-nNS`, `-n=NS`, `-n NS` and bool shorthands. */
static int parse_short(cli *c, htmpl_render_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i] + 1;
	for (; *a; a++) {
		const flagdef *f = find_short(*a);
		char spelled[3] = {'-', *a, 0};
		if (!f) {
			fprintf(stderr, "Error: unknown shorthand flag: '%c' in %s\n", *a, argv[*i]);
			return 1;
		}
		if (f->kind == F_BOOL) {
			if (apply(c, o, f, a[1] == '=' ? a + 2 : NULL, spelled))
				return 1;
			if (a[1] == '=')
				return 0;
			continue;
		}
		const char *v = a[1] == '=' ? a + 2 : a[1] ? a + 1 : NULL;
		if (!v) {
			if (*i + 1 >= argc)
				return fail("flag needs an argument: '%s' in -%s", (char[]){*a, 0}) ;
			v = argv[++*i];
		}
		return apply(c, o, f, v, spelled);
	}
	return 0;
}

static int parse_long(cli *c, htmpl_render_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i] + 2, *eq = strchr(a, '=');
	size_t n = eq ? (size_t)(eq - a) : strlen(a);
	const flagdef *f = find_long(a, n);
	if (!f || (!c->template_mode && f->id == O_RELEASE && f->kind != F_VALUE))
		return fail("unknown flag: %s", argv[*i]);
	fkind kind = f->id == O_RELEASE && c->template_mode ? F_BOOL : f->kind;
	flagdef eff = *f;
	eff.kind = kind;
	if (kind == F_BOOL)
		return apply(c, o, &eff, eq ? eq + 1 : NULL, argv[*i]);
	const char *v = eq ? eq + 1 : NULL;
	if (!v) {
		if (*i + 1 >= argc)
			return fail("flag needs an argument: %s", argv[*i]);
		v = argv[++*i];
	}
	return apply(c, o, &eff, v, argv[*i]);
}

static int parse_args(cli *c, htmpl_render_opts *o, int argc, char **argv)
{
	bool dashdash = false;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		int rc = 0;
		if (!dashdash && !strcmp(a, "--"))
			dashdash = true;
		else if (!dashdash && a[0] == '-' && a[1] == '-')
			rc = parse_long(c, o, argc, argv, &i);
		else if (!dashdash && a[0] == '-' && a[1])
			rc = parse_short(c, o, argc, argv, &i);
		else if (c->nargs < 3)
			c->args[c->nargs++] = a;
		else
			c->nargs++;
		if (rc)
			return rc;
	}
	return 0;
}

/* ---------------------------------------------------------------- release name */

static bool fn_env(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *out)
{
	(void)argc;
	size_t n;
	const char *name = htmpl_value_string(&argv[0], &n);
	const char *v = name ? getenv(name) : NULL;
	return htmpl_call_string(call, v ? v : "", v ? strlen(v) : 0, out);
}

/* os.ExpandEnv: $VAR and ${VAR}. */
static bool fn_expandenv(htmpl_call *call, size_t argc, const htmpl_value *argv, htmpl_value *out)
{
	(void)argc;
	size_t n;
	const char *s = htmpl_value_string(&argv[0], &n);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m || !s)
		return htmpl_call_error(call, "out of memory");
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '$' || i + 1 >= n) {
			fputc(s[i], m);
			continue;
		}
		size_t b = i + 1, e;
		bool brace = s[b] == '{';
		if (brace) {
			e = b + 1;
			while (e < n && s[e] != '}')
				e++;
			if (e >= n) {
				fputc(s[i], m);
				continue;
			}
			b++;
		} else {
			e = b;
			while (e < n && (s[e] == '_' || (s[e] >= '0' && s[e] <= '9') ||
			                 ((s[e] | 32) >= 'a' && (s[e] | 32) <= 'z')))
				e++;
		}
		char name[256];
		size_t nl = e - b < sizeof name - 1 ? e - b : sizeof name - 1;
		memcpy(name, s + b, nl);
		name[nl] = 0;
		const char *v = getenv(name);
		if (v)
			fputs(v, m);
		i = brace ? e : e - 1;
	}
	fclose(m);
	bool ok = htmpl_call_string(call, buf ? buf : "", len, out);
	free(buf);
	return ok;
}

/* action.TemplateName: the name template is rendered with sprig (env included), nil data. */
static char *render_name_template(const char *text)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	htmpl_env *env = htmpl_env_new();
	htmpl_template *t = NULL;
	char *out = NULL;
	if (!env || !htmpl_env_add_func(env, "env", "s", fn_env, NULL, &err) ||
	    !htmpl_env_add_func(env, "expandenv", "s", fn_expandenv, NULL, &err))
		goto done;
	if (!(t = htmpl_template_parse(env, "name-template", text, strlen(text), &err)))
		goto done;
	out = htmpl_template_execute(t, "name-template", NULL, NULL, &err);
done:
	if (!out)
		fail("%s", err.code ? err.message : "out of memory");
	htmpl_error_clear(&err);
	htmpl_template_free(t);
	htmpl_env_free(env);
	return out;
}

/* NameAndChart: which argument is the chart, and the release name. *owned is freed by the
 * caller. Returns the chart path or NULL after printing an error. */
static const char *name_and_chart(cli *c, char **owned)
{
	*owned = NULL;
	const char *mode = c->template_mode ? "template" : "render";
	if (c->nargs < 1) {
		fprintf(stderr, "Error: \"htmpl %s\" requires at least 1 argument\n", mode);
		return NULL;
	}
	if (c->nargs > 2 || (!c->template_mode && c->nargs > 1)) {
		fprintf(stderr, "Error: expected at most %s, unexpected arguments:",
		        c->template_mode ? "two arguments" : "one argument");
		for (int i = c->template_mode ? 2 : 1; i < c->nargs && i < 3; i++)
			fprintf(stderr, "%s %s", i > (c->template_mode ? 2 : 1) ? "," : "", c->args[i]);
		fputc('\n', stderr);
		return NULL;
	}
	/* render's --release-name stands for helm's NAME argument. */
	bool named = c->nargs == 2 || (!c->template_mode && c->release);
	if (named) {
		if (c->generate_name)
			return fail("%s", "cannot set --generate-name and also specify a name"), NULL;
		if (c->name_template)
			return fail("%s", "cannot set --name-template and also specify a name"), NULL;
		if (c->nargs == 2) {
			c->release = c->args[0];
			return c->args[1];
		}
		return c->args[0];
	}
	if (c->name_template) {
		if (!(*owned = render_name_template(c->name_template)))
			return NULL;
		c->release = *owned;
		return c->args[0];
	}
	/* helm template presets "release-name", so --generate-name only matters for render. */
	if (c->generate_name && !c->template_mode) {
		const char *p = c->args[0], *b = strrchr(p, '/');
		char base[256];
		snprintf(base, sizeof base, "%s", b && b[1] ? b + 1 : p);
		char *dot = strchr(base, '.');
		if (dot)
			*dot = 0;
		if (!*base)
			strcpy(base, "chart");
		*owned = malloc(strlen(base) + 24);
		if (!*owned)
			return NULL;
		sprintf(*owned, "%s-%lld", base, (long long)time(NULL));
		c->release = *owned;
	}
	return c->args[0];
}

/* ---------------------------------------------------------------- output */

/* Errors raised once rendering started carry helm's --debug hint (template.go: rel != nil). */
static bool render_started(const htmpl_error *e)
{
	const char *m = e->message ? e->message : "";
	if (e->code == HTMPL_ERR_PARSE || e->code == HTMPL_ERR_EXEC || e->code == HTMPL_ERR_LIMIT)
		return true;
	return !strncmp(m, "YAML parse error on ", 20) || !strncmp(m, "chart requires kubeVersion", 26) ||
	       !strncmp(m, "template: ", 10) || (e->code == HTMPL_ERR_IO && e->file == NULL &&
	                                          (!strncmp(m, "open ", 5) || !strncmp(m, "write ", 6)));
}

/* The source line of the error with a caret under its column (not in helm). */
static void show_context(const char *chart, const htmpl_error *e)
{
	if (!e->file || e->line <= 0)
		return;
	const char *rel = strchr(e->file, '/');
	if (!rel)
		return;
	size_t n = strlen(chart) + strlen(rel) + 1;
	char *path = malloc(n);
	if (!path)
		return;
	snprintf(path, n, "%s%s", chart, rel);
	FILE *f = fopen(path, "rb");
	free(path);
	if (!f)
		return;
	char line[4096];
	int no = 0;
	bool found = false;
	while (fgets(line, sizeof line, f))
		if (++no == e->line) {
			found = true;
			break;
		}
	fclose(f);
	if (!found)
		return;
	line[strcspn(line, "\r\n")] = 0;
	fprintf(stderr, "\n%s:%d:%d:\n  %s\n", e->file, e->line, e->col, line);
	if (e->col >= 0 && (size_t)e->col <= strlen(line)) {
		fputs("  ", stderr);
		for (int i = 0; i < e->col; i++)
			fputc(line[i] == '\t' ? '\t' : ' ', stderr);
		fputs("^\n", stderr);
	}
}

static int report(const char *chart, const htmpl_error *e)
{
	fprintf(stderr, "Error: %s", e->code ? e->message : "out of memory");
	if (render_started(e))
		fputs("\n\nUse --debug flag to render out invalid YAML", stderr);
	fputc('\n', stderr);
	show_context(chart, e);
	return 1;
}

/* --validate: the printed manifests against the Kubernetes API schema (lint's validator);
 * each finding is a line on stderr, and any finding makes the exit status 1. */
static int validate(const cli *c, const htmpl_chart *chart, const char *out, size_t len)
{
	char *report = NULL;
	htmpl_error err = HTMPL_ERROR_INIT;
	long n = htmpl_validate(chart, out, len, c->kube_version, c->schema_location,
	                        c->strict_schemas ? HTMPL_VALIDATE_STRICT_SCHEMAS : 0, c->validate_output,
	                        &report, &err);
	int rc = 0;
	bool text = !c->validate_output || !strcmp(c->validate_output, "text");
	if (n < 0)
		rc = fail("%s", err.code ? err.message : "out of memory");
	else if (n > 0 || !text) {
		fputs(report, stderr);
		if (n > 0 && text)
			fprintf(stderr, "Error: %ld validation finding%s\n", n, n == 1 ? "" : "s");
		rc = n > 0;
	}
	free(report);
	htmpl_error_clear(&err);
	return rc;
}

static int run(cli *c, htmpl_render_opts *o)
{
	char *owned = NULL, *out = NULL, *warnings = NULL;
	htmpl_env *env = NULL;
	htmpl_chart *chart = NULL;
	htmpl_error err = HTMPL_ERROR_INIT;
	int rc = 1;
	const char *path = name_and_chart(c, &owned);
	if (!path)
		goto done;
	if (!(env = htmpl_env_new())) {
		rc = fail("%s", "out of memory");
		goto done;
	}
	hcli_limits_apply(&c->limits, env);
	hcli_helm_apply(env);
	htmpl_render_opts_set_env(o, env);
	unsigned fl = c->flags | (c->release_flag ? HTMPL_RENDER_OUTPUT_DIR_RELEASE : 0);
	htmpl_render_opts_set_flags(o, fl);
	if ((c->release && !htmpl_render_opts_set_release(o, c->release)) ||
	    (c->output_dir && !htmpl_render_opts_set_output_dir(o, c->output_dir))) {
		rc = fail("%s", "out of memory");
		goto done;
	}
	if (!(chart = htmpl_chart_load(env, path, &err))) {
		rc = report(path, &err);
		goto done;
	}
	size_t len = 0;
	out = htmpl_render(chart, o, &len, &warnings, &err);
	if (warnings)
		fputs(warnings, stderr);
	if (!out) {
		rc = report(path, &err);
		goto done;
	}
	rc = fwrite(out, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 1;
	if (!rc && c->validate && !c->output_dir)
		rc = validate(c, chart, out, len);
done:
	free(out);
	free(warnings);
	free(owned);
	htmpl_error_clear(&err);
	htmpl_chart_free(chart);
	htmpl_env_free(env);
	return rc;
}

static void usage(FILE *f)
{
	fputs(usage_text, f);
	fputs(hcli_helm_usage, f);
	fputs(hcli_limits_usage, f);
}

int main(int argc, char **argv)
{
	if (hcli_helm_parse(&argc, argv))
		return 1;
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 1 : 0;
	}
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("htmpl %s (renders like helm %s)\n", HTMPL_VERSION,
		       hcli_helm_version() == 3 ? "v3.17.3" : "v4.1.4");
		return 0;
	}
	if (!strcmp(argv[1], "lint"))
		return hcli_lint(argc - 1, argv + 1);
	cli c = {0};
	if (!strcmp(argv[1], "template"))
		c.template_mode = true;
	else if (strcmp(argv[1], "render"))
		return fail("unknown command \"%s\" for \"htmpl\"", argv[1]);
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 0;
		}
	if (hcli_limits_parse(&argc, argv, &c.limits))
		return 1;
	htmpl_render_opts *o = htmpl_render_opts_new();
	if (!o)
		return fail("%s", "out of memory");
	int rc = parse_args(&c, o, argc, argv);
	if (!rc)
		rc = run(&c, o);
	htmpl_render_opts_free(o);
	return rc;
}
