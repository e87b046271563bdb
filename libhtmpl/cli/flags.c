/* cli/flags.c - every flag of `helm template` and `helm lint` (helm 3.17 and 4.1, with helm's
 * global flags) in one table, and a parser that reads them as spf13/pflag does (flag.go:
 * parseLongArg, parseShortArg; cobra's "unknown flag", "flag needs an argument", "bad flag
 * syntax" and "invalid argument" texts). Each row says what htmpl does with the flag; the
 * command files (cli/main.c, cli/lint_cmd.c) act on the ids. docs/cli-flags.md lists the same
 * rows and tests/cli/flags-table checks the two against each other via `htmpl __flags`. */
#include "cli/flags.h"
#include "cli/helm_version.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define T (HC_TEMPLATE | HC_RENDER)
#define L HC_LINT
#define G HC_GLOBAL
#define V34 (HV_3 | HV_4)

/* The flags in helm's --help order within each group. */
const hflags_def hflags_table[] = {
	{"help", 'h', HF_BOOL, T | L | V34, HE_IMPL, F_HELP, NULL, "help for the command"},
	/* helm template (cmd/helm/template.go, install.go addInstallFlags, values/options.go) */
	{"api-versions", 'a', HF_STRING, T | V34, HE_IMPL, F_API, NULL,
	 "Kubernetes api versions used for Capabilities.APIVersions"},
	{"atomic", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "cluster only (install rollback)"},
	{"ca-file", 0, HF_STRING, T | V34, HE_NOOP, F_CA_FILE, NULL,
	 "chart download only; the file is read and checked as helm's registry client does"},
	{"cert-file", 0, HF_STRING, T | V34, HE_NOOP, F_CERT_FILE, NULL,
	 "chart download only; with --key-file both are read and checked as helm does"},
	{"create-namespace", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"dependency-update", 0, HF_BOOL, T | V34, HE_IMPL, F_DEP_UPDATE, NULL,
	 "build missing dependencies from file:// repositories and the local repository cache "
	 "(charts/*.tgz, Chart.lock); anything to download is refused (network)"},
	{"description", 0, HF_STRING, T | V34, HE_NOOP, F_NOOP, NULL, "release metadata only"},
	{"devel", 0, HF_BOOL, T | V34, HE_IMPL, F_DEVEL, NULL,
	 "REPO/CHART from the cache: pre-release versions too"},
	{"disable-openapi-validation", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"dry-run", 0, HF_OPTIONAL, T | V34, HE_NOOP, F_DRY_RUN, "client",
	 "checked as helm 3 checks it (false, true, none, client, server); template never "
	 "contacts a cluster"},
	{"enable-dns", 0, HF_BOOL, T | V34, HE_REFUSE, F_ENABLE_DNS, NULL,
	 "refused: getHostByName would need DNS (network)"},
	{"force", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"force-conflicts", 0, HF_BOOL, T | HV_4, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"force-replace", 0, HF_BOOL, T | HV_4, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"generate-name", 'g', HF_BOOL, T | V34, HE_IMPL, F_GENERATE, NULL,
	 "generate the name (and omit the NAME parameter)"},
	{"hide-notes", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL,
	 "template never prints notes"},
	{"include-crds", 0, HF_BOOL, T | V34, HE_IMPL, F_CRDS, NULL,
	 "include CRDs in the templated output"},
	{"insecure-skip-tls-verify", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL,
	 "chart download only"},
	{"is-upgrade", 0, HF_BOOL, T | V34, HE_IMPL, F_UPGRADE, NULL,
	 "set .Release.IsUpgrade instead of .Release.IsInstall"},
	{"key-file", 0, HF_STRING, T | V34, HE_NOOP, F_KEY_FILE, NULL,
	 "chart download only; with --cert-file both are read and checked as helm does"},
	{"keyring", 0, HF_STRING, T | V34, HE_NOOP, F_NOOP, NULL, "used by --verify only"},
	{"kube-version", 0, HF_STRING, T | L | V34, HE_IMPL, F_KUBE, NULL,
	 "Kubernetes version used for Capabilities.KubeVersion"},
	{"labels", 'l', HF_MAP, T | V34, HE_NOOP, F_NOOP, NULL,
	 "release metadata only; checked as key=value pairs"},
	{"name-template", 0, HF_STRING, T | V34, HE_IMPL, F_NAME_TPL, NULL,
	 "specify template used to name the release"},
	{"no-hooks", 0, HF_BOOL, T | V34, HE_IMPL, F_NO_HOOKS, NULL, "leave hooks out of the output"},
	{"output-dir", 0, HF_STRING, T | V34, HE_IMPL, F_OUTDIR, NULL,
	 "writes the executed templates to files in output-dir instead of stdout"},
	{"pass-credentials", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "chart download only"},
	{"password", 0, HF_STRING, T | V34, HE_NOOP, F_NOOP, NULL, "chart download only"},
	{"plain-http", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "chart download only"},
	{"post-renderer", 0, HF_STRING, T | V34, HE_IMPL, F_POST_RENDERER, NULL,
	 "an executable (helm 3's meaning) fed the manifests on stdin; its stdout replaces them"},
	{"post-renderer-args", 0, HF_STRING, T | V34, HE_IMPL, F_POST_RENDERER_ARGS, NULL,
	 "an argument to the post-renderer (can specify multiple)"},
	{"release-name", 0, HF_BOOL, HC_TEMPLATE | V34, HE_IMPL, F_RELEASE, NULL,
	 "use release name in the output-dir path"},
	{"release-name", 0, HF_STRING, HC_RENDER, HE_HTMPL, F_RELEASE, NULL,
	 "htmpl render: the release name (helm's NAME argument)"},
	{"render-subchart-notes", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL,
	 "template never prints notes"},
	{"replace", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"repo", 0, HF_STRING, T | V34, HE_REFUSE, F_REPO, NULL,
	 "refused: downloading a chart needs the network"},
	{"rollback-on-failure", 0, HF_BOOL, T | HV_4, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"server-side", 0, HF_BOOL, T | HV_4, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"set", 0, HF_STRING, T | L | V34, HE_IMPL, F_SET, NULL, "set values on the command line"},
	{"set-file", 0, HF_STRING, T | L | V34, HE_IMPL, F_SET_FILE, NULL,
	 "set values from respective files"},
	{"set-json", 0, HF_STRING, T | L | V34, HE_IMPL, F_SET_JSON, NULL, "set JSON values"},
	{"set-literal", 0, HF_STRING, T | L | V34, HE_IMPL, F_SET_LITERAL, NULL,
	 "set a literal STRING value"},
	{"set-string", 0, HF_STRING, T | L | V34, HE_IMPL, F_SET_STRING, NULL, "set STRING values"},
	{"show-only", 's', HF_STRING, T | V34, HE_IMPL, F_SHOW, NULL,
	 "only show manifests rendered from the given templates"},
	{"skip-crds", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL,
	 "install only; --include-crds still prints CRDs, as in helm template"},
	{"skip-schema-validation", 0, HF_BOOL, T | L | V34, HE_IMPL, F_SKIP_SCHEMA, NULL,
	 "disables JSON schema validation"},
	{"skip-tests", 0, HF_BOOL, T | V34, HE_IMPL, F_SKIP_TESTS, NULL,
	 "skip tests from templated output"},
	{"take-ownership", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"timeout", 0, HF_DURATION, T | V34, HE_NOOP, F_NOOP, NULL,
	 "cluster only; checked as a Go duration"},
	{"username", 0, HF_STRING, T | V34, HE_NOOP, F_NOOP, NULL, "chart download only"},
	{"validate", 0, HF_BOOL, T | L | HV_3, HE_HTMPL, F_VALIDATE, NULL,
	 "htmpl's meaning: validate against the built-in Kubernetes API schema, offline (helm 3: "
	 "against the cluster)"},
	{"values", 'f', HF_STRING, T | L | V34, HE_IMPL, F_VALUES, NULL,
	 "specify values in a YAML file (URLs are refused: network)"},
	{"verify", 0, HF_BOOL, T | V34, HE_REFUSE, F_VERIFY, NULL,
	 "helm's error for unpacked charts; refused for archives (provenance check not built)"},
	{"version", 0, HF_STRING, T | V34, HE_IMPL, F_VERSION, NULL,
	 "REPO/CHART from the cache: the version constraint (local charts ignore it)"},
	{"wait", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL,
	 "cluster only (helm 3: a bool; helm 4: watcher, hookOnly or legacy, true/false warned)"},
	{"wait-for-jobs", 0, HF_BOOL, T | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"schema-location", 0, HF_STRING, T | L, HE_HTMPL, F_SCHEMA_LOC, NULL,
	 "with --validate: kubeconform-style JSON schemas too"},
	{"strict-schemas", 0, HF_BOOL, T, HE_HTMPL, F_STRICT_SCHEMAS, NULL,
	 "with --validate: a kind with no schema is a finding"},
	{"validate-output", 0, HF_STRING, T, HE_HTMPL, F_VALIDATE_OUTPUT, NULL,
	 "with --validate: text, json, junit, tap or github (stderr)"},
	/* htmpl's value reports (README "Value reports") */
	{"report-unused", 0, HF_BOOL, T, HE_HTMPL, F_REPORT_UNUSED, NULL,
	 "report the -f and --set values that no template read (stderr; stdout unchanged)"},
	{"unused-values", 0, HF_BOOL, L, HE_HTMPL, F_REPORT_UNUSED, NULL,
	 "report the -f and --set values that no template read"},
	{"include-defaults", 0, HF_BOOL, T | L, HE_HTMPL, F_INCLUDE_DEFAULTS, NULL,
	 "with --report-unused or --unused-values: the charts' own values.yaml files too"},
	{"missing-keys", 0, HF_BOOL, T | L, HE_HTMPL, F_MISSING_KEYS, NULL,
	 "report every template location whose .Values key is missing, unguarded first"},
	{"report-floats", 0, HF_BOOL, T, HE_HTMPL, F_REPORT_FLOATS, NULL,
	 "report floats printed in exponent form (1e+06); on by default in lint"},
	{"no-float-check", 0, HF_BOOL, L, HE_HTMPL, F_NO_FLOAT_CHECK, NULL,
	 "no warning for floats printed in exponent form (on stderr after helm's output)"},
	{"report-format", 0, HF_STRING, T, HE_HTMPL, F_REPORT_FORMAT, NULL,
	 "the value reports as text, json or github (lint: -o)"},
	{"fail-on", 0, HF_STRING, T | L, HE_HTMPL, F_FAIL_ON, NULL,
	 "unused,missing,float: make those reports and exit 1 when one finds something"},
	{"show-origin", 0, HF_BOOL, HC_RENDER, HE_HTMPL, F_SHOW_ORIGIN, NULL,
	 "htmpl values: end each leaf with a comment naming where it came from"},
	/* helm lint (cmd/helm/lint.go) */
	{"quiet", 0, HF_BOOL, L | V34, HE_IMPL, F_QUIET, NULL, "print only warnings and errors"},
	{"strict", 0, HF_BOOL, L | V34, HE_IMPL, F_STRICT, NULL, "fail on lint warnings"},
	{"with-subcharts", 0, HF_BOOL, L | V34, HE_IMPL, F_SUBCHARTS, NULL, "lint dependent charts"},
	{"rules", 0, HF_STRING, L, HE_HTMPL, F_RULES, NULL, "recommended: best-practice rules"},
	{"output", 'o', HF_STRING, L, HE_HTMPL, F_OUTPUT, NULL, "text (helm's), json, github, junit or tap"},
	/* helm's global flags (pkg/cli/environment.go) */
	{"burst-limit", 0, HF_INT, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only; checked as an int"},
	{"color", 0, HF_STRING, G | HV_4, HE_NOOP, F_NOOP, NULL, "htmpl prints no colour"},
	{"colour", 0, HF_STRING, G | HV_4, HE_NOOP, F_NOOP, NULL, "htmpl prints no colour"},
	{"content-cache", 0, HF_STRING, G | HV_4, HE_IMPL, F_CONTENT_CACHE, NULL,
	 "helm 4's chart archive cache, read for REPO/CHART and dependencies"},
	{"debug", 0, HF_BOOL, G | V34, HE_IMPL, F_DEBUG, NULL,
	 "render out invalid YAML (helm's timestamped log lines are not printed)"},
	{"kube-apiserver", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kube-as-group", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kube-as-user", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kube-ca-file", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kube-context", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kube-insecure-skip-tls-verify", 0, HF_BOOL, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kube-tls-server-name", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kube-token", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"kubeconfig", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only"},
	{"namespace", 'n', HF_STRING, G | V34, HE_IMPL, F_NS, NULL,
	 "namespace for .Release.Namespace (\"\" means default)"},
	{"qps", 0, HF_FLOAT, G | V34, HE_NOOP, F_NOOP, NULL, "cluster only; checked as a float"},
	{"registry-config", 0, HF_STRING, G | V34, HE_NOOP, F_NOOP, NULL, "OCI registries only"},
	{"repository-cache", 0, HF_STRING, G | V34, HE_IMPL, F_REPO_CACHE, NULL,
	 "cached repository indexes, for REPO/CHART and dependencies"},
	{"repository-config", 0, HF_STRING, G | V34, HE_IMPL, F_REPO_CONFIG, NULL,
	 "repositories.yaml, for REPO/CHART and dependencies"},
	/* --helm is taken out of argv before any command parses (cli/helm_version.c); the row
	 * documents it for --help, completion and the man page. So is -j (cli/jobs.c). */
	{"helm", 0, HF_STRING, G, HE_HTMPL, F_NOOP, NULL,
	 "reproduce helm 4.1.4 (4, the default) or 3.17.3 (3); also HTMPL_HELM"},
	{"jobs", 'j', HF_INT, G, HE_HTMPL, F_NOOP, NULL,
	 "threads for parsing and rendering (default 0: the online CPUs, serial for small charts; "
	 "1: serial); also HTMPL_JOBS"},
	{NULL, 0, 0, 0, 0, 0, NULL, NULL},
};

int hflags_fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("Error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
}

/* A flag of the command, in the chosen helm: one helm lacks (HV_3 or HV_4 alone) is an
 * unknown flag under the other, unless it is htmpl's own (--validate). */
static bool applies(const hflags_def *f, unsigned cmd)
{
	unsigned ver = hcli_helm_version() == 3 ? HV_3 : HV_4;
	bool in_version = !(f->where & (HV_3 | HV_4)) || (f->where & ver) || f->effect == HE_HTMPL;
	return (f->where & (cmd | HC_GLOBAL)) != 0 && in_version;
}

/* pflag's MarkDeprecated flags of helm 4.1.4's template command (install.go, template.go):
 * setting one prints `Flag --atomic has been deprecated, ...` on stderr. */
static const char *deprecated4(const hflags_def *f)
{
	static const struct {
		const char *name, *why;
	} d[] = {{"atomic", "use --rollback-on-failure instead"},
	         {"force", "use --force-replace instead"}};
	if (hcli_helm_version() != 4)
		return NULL;
	for (size_t i = 0; i < sizeof d / sizeof *d; i++)
		if (!strcmp(f->name, d[i].name))
			return d[i].why;
	return NULL;
}

/* helm 4's --wait is a WaitStrategy (pkg/cmd/flags.go waitValue.Set): watcher, hookOnly or
 * legacy; true and false still work with a warning. 0, or 1 after the error. */
static int wait4(const char *v, const char *spelled)
{
	if (!strcmp(v, "watcher") || !strcmp(v, "hookOnly") || !strcmp(v, "legacy"))
		return 0;
	if (!strcmp(v, "true") || !strcmp(v, "false")) {
		fprintf(stderr, "level=WARN msg=\"--wait=%s is deprecated (boolean value) and can be "
		        "replaced with --wait=%s\"\n", v, *v == 't' ? "watcher" : "hookOnly");
		return 0;
	}
	fprintf(stderr, "Error: invalid argument \"%s\" for \"%s\" flag: invalid wait input \"%s\". "
	        "Valid inputs are watcher, hookOnly, and legacy\n", v, spelled, v);
	return 1;
}

static const hflags_def *find_long(unsigned cmd, const char *name, size_t n)
{
	for (const hflags_def *f = hflags_table; f->name; f++)
		if (applies(f, cmd) && strlen(f->name) == n && !memcmp(f->name, name, n))
			return f;
	return NULL;
}

static const hflags_def *find_short(unsigned cmd, char c)
{
	for (const hflags_def *f = hflags_table; f->name; f++)
		if (applies(f, cmd) && f->shorthand == c)
			return f;
	return NULL;
}

/* pflag's FlagUsages name: "-n, --namespace" or "--debug". */
static void spell(const hflags_def *f, char *buf, size_t n)
{
	if (f->shorthand)
		snprintf(buf, n, "-%c, --%s", f->shorthand, f->name);
	else
		snprintf(buf, n, "--%s", f->name);
}

static int bad_value(const char *v, const char *spelled, const char *fmt, ...)
	HFLAGS_PRINTF(3, 4);
static int bad_value(const char *v, const char *spelled, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "Error: invalid argument \"%s\" for \"%s\" flag: ", v, spelled);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return 1;
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

/* time.ParseDuration's grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0". Returns NULL or the
 * Go message. */
static const char *check_duration(const char *s)
{
	static const char *const units[] = {"ns", "us", "\xc2\xb5s", "\xce\xbcs", "ms", "s", "m", "h"};
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!strcmp(p, "0"))
		return NULL;
	if (!*p)
		return "invalid";
	while (*p) {
		bool digits = false;
		while (*p >= '0' && *p <= '9')
			p++, digits = true;
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9')
				p++, digits = true;
		}
		if (!digits)
			return "invalid";
		const char *u = p;
		while (*p && *p != '.' && (*p < '0' || *p > '9'))
			p++;
		if (p == u)
			return "missing unit";
		bool known = false;
		for (size_t i = 0; i < sizeof units / sizeof *units; i++)
			if (strlen(units[i]) == (size_t)(p - u) && !memcmp(units[i], u, p - u))
				known = true;
		if (!known)
			return "unknown unit";
	}
	return NULL;
}

/* Checks a value as pflag's Set of the flag's type would. */
static int check_value(const hflags_def *f, const char *v, const char *spelled)
{
	char *end;
	switch (f->type) {
	case HF_BOOL: {
		bool b;
		if (!parse_bool(v, &b))
			return bad_value(v, spelled, "strconv.ParseBool: parsing \"%s\": invalid syntax", v);
		return 0;
	}
	case HF_INT:
		errno = 0;
		(void)strtoll(v, &end, 0);
		if (!*v || *end)
			return bad_value(v, spelled, "strconv.ParseInt: parsing \"%s\": invalid syntax", v);
		if (errno == ERANGE)
			return bad_value(v, spelled, "strconv.ParseInt: parsing \"%s\": value out of range", v);
		return 0;
	case HF_FLOAT:
		(void)strtod(v, &end);
		if (!*v || *end)
			return bad_value(v, spelled, "strconv.ParseFloat: parsing \"%s\": invalid syntax", v);
		return 0;
	case HF_DURATION: {
		const char *why = check_duration(v);
		if (!why)
			return 0;
		if (!strcmp(why, "unknown unit")) {
			const char *u = v;
			while (*u && ((*u >= '0' && *u <= '9') || *u == '.' || *u == '-' || *u == '+'))
				u++;
			size_t n = strcspn(u, "0123456789.");
			return bad_value(v, spelled, "time: unknown unit \"%.*s\" in duration \"%s\"", (int)n,
			                 u, v);
		}
		return bad_value(v, spelled, "time: %s duration \"%s\"",
		                 !strcmp(why, "missing unit") ? "missing unit in" : "invalid", v);
	}
	case HF_MAP: {
		/* stringToString: csv of k=v; "" is an empty map. */
		if (!*v)
			return 0;
		const char *p = v;
		while (*p) {
			size_t n = strcspn(p, ",");
			if (!memchr(p, '=', n))
				return bad_value(v, spelled, "%.*s must be formatted as key=value", (int)n, p);
			p += n;
			if (*p)
				p++;
		}
		return 0;
	}
	default:
		return 0;
	}
}

static int give(hflags_fn fn, void *ud, const hflags_def *f, const char *v)
{
	char spelled[96];
	spell(f, spelled, sizeof spelled);
	if (!strcmp(f->name, "wait") && hcli_helm_version() == 4)
		return wait4(v, spelled) ? 1 : fn(ud, f, v, spelled);
	if (check_value(f, v, spelled))
		return 1;
	const char *why = deprecated4(f);
	if (why)
		fprintf(stderr, "Flag --%s has been deprecated, %s\n", f->name, why);
	if (f->type == HF_BOOL) {
		bool b = true;
		parse_bool(v, &b);
		v = b ? "true" : "false";
	}
	return fn(ud, f, v, spelled);
}

/* parseLongArg: --name, --name=value, --name value. */
static int parse_long(unsigned cmd, int argc, char **argv, int *i, hflags_fn fn, void *ud,
                      bool *help)
{
	const char *a = argv[*i], *name = a + 2, *eq = strchr(name, '=');
	size_t n = eq ? (size_t)(eq - name) : strlen(name);
	if (!n || name[0] == '-' || name[0] == '=')
		return hflags_fail("bad flag syntax: %s", a);
	const hflags_def *f = find_long(cmd, name, n);
	if (!f)
		return hflags_fail("unknown flag: --%.*s", (int)n, name);
	const char *v;
	if (eq)
		v = eq + 1;
	else if (!strcmp(f->name, "wait") && hcli_helm_version() == 4)
		v = "watcher"; /* its NoOptDefVal */
	else if (f->type == HF_BOOL)
		v = "true";
	else if (f->type == HF_OPTIONAL)
		v = f->noopt;
	else if (*i + 1 < argc)
		v = argv[++*i];
	else
		return hflags_fail("flag needs an argument: %s", a);
	if (f->id == F_HELP) {
		bool b = false;
		if (check_value(f, v, "-h, --help"))
			return 1;
		parse_bool(v, &b);
		*help = *help || b;
		return 0;
	}
	return give(fn, ud, f, v);
}

/* parseShortArg: a cluster `-abc`, `-nNS`, `-n=NS`, `-n NS`. */
static int parse_short(unsigned cmd, int argc, char **argv, int *i, hflags_fn fn, void *ud,
                       bool *help)
{
	const char *s = argv[*i] + 1;
	while (*s) {
		const hflags_def *f = find_short(cmd, *s);
		if (!f)
			return hflags_fail("unknown shorthand flag: '%c' in -%s", *s, s);
		const char *v;
		const char *next = s + 1;
		if (s[1] == '=') {
			v = s + 2;
			next = s + strlen(s);
		} else if (f->type == HF_BOOL || f->type == HF_OPTIONAL) {
			v = f->type == HF_BOOL ? "true" : f->noopt;
		} else if (s[1]) {
			v = s + 1;
			next = s + strlen(s);
		} else if (*i + 1 < argc) {
			v = argv[++*i];
		} else {
			return hflags_fail("flag needs an argument: '%c' in -%s", *s, s);
		}
		if (f->id == F_HELP) {
			bool b = false;
			if (check_value(f, v, "-h, --help"))
				return 1;
			parse_bool(v, &b);
			*help = *help || b;
		} else if (give(fn, ud, f, v)) {
			return 1;
		}
		s = next;
	}
	return 0;
}

int hflags_parse(unsigned cmd, int argc, char **argv, int first, hflags_fn fn, void *ud,
                 const char **pos, int pos_cap, int *npos, bool *help)
{
	bool done = false;
	*npos = 0;
	for (int i = first; i < argc; i++) {
		const char *a = argv[i];
		int rc = 0;
		if (done || a[0] != '-' || !a[1]) {
			if (*npos < pos_cap)
				pos[*npos] = a;
			++*npos;
		} else if (!strcmp(a, "--")) {
			done = true;
		} else if (a[1] == '-') {
			rc = parse_long(cmd, argc, argv, &i, fn, ud, help);
		} else {
			rc = parse_short(cmd, argc, argv, &i, fn, ud, help);
		}
		if (rc)
			return rc;
	}
	return 0;
}

static const char *type_word(const hflags_def *f)
{
	switch (f->type) {
	case HF_BOOL: return "";
	case HF_INT: return " int";
	case HF_FLOAT: return " float32";
	case HF_DURATION: return " duration";
	case HF_MAP: return " stringToString";
	default: return " string";
	}
}

static const char *effect_word(hflags_effect e)
{
	switch (e) {
	case HE_IMPL: return "implemented";
	case HE_NOOP: return "no effect";
	case HE_REFUSE: return "refused";
	default: return "htmpl";
	}
}

void hflags_usage(FILE *out, unsigned cmd)
{
	for (int pass = 0; pass < 2; pass++) {
		fputs(pass ? "\nGlobal Flags:\n" : "Flags:\n", out);
		for (const hflags_def *f = hflags_table; f->name; f++) {
			bool global = (f->where & HC_GLOBAL) != 0;
			if (global != (pass == 1) || !applies(f, cmd))
				continue;
			char left[96];
			if (f->shorthand)
				snprintf(left, sizeof left, "  -%c, --%s%s", f->shorthand, f->name, type_word(f));
			else
				snprintf(left, sizeof left, "      --%s%s", f->name, type_word(f));
			fprintf(out, "%-42s %s%s%s\n", left, f->effect == HE_NOOP ? "(no effect) " : "",
			        f->effect == HE_REFUSE ? "" : "", f->doc);
		}
	}
}

void hflags_list(FILE *out)
{
	for (const hflags_def *f = hflags_table; f->name; f++) {
		char cmds[64] = "";
		if (f->where & HC_GLOBAL)
			strcat(cmds, "global");
		if (f->where & HC_TEMPLATE)
			strcat(cmds, *cmds ? ",template" : "template");
		if (f->where & HC_RENDER)
			strcat(cmds, *cmds ? ",render" : "render");
		if (f->where & HC_LINT)
			strcat(cmds, *cmds ? ",lint" : "lint");
		const char *vers = (f->where & V34) == V34 ? "3,4"
		                   : (f->where & HV_3)    ? "3"
		                   : (f->where & HV_4)    ? "4"
		                                          : "-";
		fprintf(out, "--%s\t%s%c\t%s\t%s\t%s\t%s\n", f->name, f->shorthand ? "-" : "",
		        f->shorthand ? f->shorthand : '-', cmds, vers, effect_word(f->effect), f->doc);
	}
}
