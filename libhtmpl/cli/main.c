/* htmpl - the command-line interface: `htmpl render` and `htmpl template` take the flags of
 * `helm template` (cmd/helm/template.go, cmd/helm/install.go addInstallFlags, pkg/cli/values)
 * and print what helm prints; `htmpl lint` is `helm lint` (cli/lint_cmd.c); the limit flags
 * of render and template are in cli/limits.c. It uses only include/htmpl.h.
 *
 * Errors go to stderr as `Error: MSG` (exit 1), with helm's `Use --debug flag to render out
 * invalid YAML` hint after render errors, and, beyond helm, the offending source line with a
 * caret when the error knows its file and line. */
#include <htmpl.h>

#include "cli/helm_version.h"
#include "cli/jobs.h"

#include "cli/deps_cmd.h"
#include "cli/flags.h"
#include "cli/limits.h"
#include "cli/postrender.h"
#include "cli/report_flags.h"
#include "cli/tls_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define HTMPL_VERSION "0.1.0"

/* cli/lint_cmd.c: `htmpl lint`; argv[0] is "lint". Returns the exit status. */
int hcli_lint(int argc, char **argv);

static const char usage_text[] =
	"htmpl renders Helm charts exactly as `helm template` (v3.17) does, without a cluster or a\n"
	"network.\n"
	"\n"
	"Usage:\n"
	"  htmpl template [NAME] CHART [flags]   helm template (see htmpl template --help)\n"
	"  htmpl render CHART [flags]            the same, release name from --release-name NAME\n"
	"  htmpl lint [PATH...] [flags]          helm lint (see htmpl lint --help)\n"
	"  htmpl values CHART [flags]            the coalesced values (--show-origin: where from)\n"
	"  htmpl dependency list|build|update CHART   file:// and cached repository dependencies\n"
	"  htmpl completion bash|zsh|fish        shell completion script\n"
	"  htmpl version\n"
	"  htmpl --help\n"
	"\n"
	"Every flag of helm template and helm lint (helm 3.17 and 4.1) is accepted; what htmpl does\n"
	"with each is in docs/cli-flags.md and htmpl(1).\n"
	"\n";

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
	bool strict_schemas;         /* --strict-schemas */
	const char *validate_output; /* --validate-output FORMAT */
	const char *kube_version;    /* --kube-version, for --validate */
	hcli_limits limits; /* --max-* flags and HTMPL_MAX_* variables */
	bool show_only;
	bool debug;                 /* --debug: render out invalid YAML */
	bool dep_update;            /* --dependency-update */
	bool verify;                /* --verify */
	const char *repo_cache;     /* --repository-cache */
	const char *repo_config;    /* --repository-config */
	const char *content_cache;  /* --content-cache */
	const char *ca_file, *cert_file, *key_file; /* read as helm's registry client reads them */
	const char *version;        /* --version */
	bool devel;                 /* --devel */
	hcli_postrender pr;         /* --post-renderer, --post-renderer-args */
	const char *values_files[16]; /* the first -f files, to tell their errors apart */
	int nvalues_files;
	hcli_reports rep;           /* --report-unused, --missing-keys ... (cli/report_flags.c) */
	bool values_mode;           /* htmpl values */
	bool show_origin;           /* htmpl values --show-origin */
} cli;

#define fail hflags_fail

/* ---------------------------------------------------------------- flags (cli/flags.c) */

/* Comma-separated values of a pflag StringSlice (-f). */
static bool add_csv_files(htmpl_render_opts *o, const char *v)
{
	char *copy = strdup(v), *save = NULL;
	if (!copy)
		return false;
	bool ok = true;
	for (char *p = strtok_r(copy, ",", &save); p && ok; p = strtok_r(NULL, ",", &save)) {
		if (!strncmp(p, "http://", 7) || !strncmp(p, "https://", 8) || !strncmp(p, "oci://", 6)) {
			fail("-f %s: values from a URL need the network, which htmpl does not use", p);
			free(copy);
			return false;
		}
		ok = htmpl_render_opts_add_values_file(o, p);
	}
	free(copy);
	return ok;
}

typedef struct flag_ctx {
	cli *c;
	htmpl_render_opts *o;
} flag_ctx;

/* Applies one flag of cli/flags.c's table. Returns 0, or 1 after printing an error. */
static int apply(void *ud, const hflags_def *f, const char *v, const char *spelled)
{
	flag_ctx *x = ud;
	cli *c = x->c;
	htmpl_render_opts *o = x->o;
	bool b = !strcmp(v, "true");
	bool ok = true;
	unsigned bit = 0;
	if (f->effect == HE_REFUSE && f->id != F_VERIFY && f->type == HF_BOOL && !b)
		return 0; /* --enable-dns=false asks for nothing */
	switch (f->id) {
	case F_RELEASE:
		if (c->template_mode)
			c->release_flag = b;
		else
			c->release = v;
		break;
	/* pkg/cli: an empty --namespace falls back to "default" */
	case F_NS: ok = htmpl_render_opts_set_namespace(o, *v ? v : "default"); break;
	case F_VALUES:
		if (c->nvalues_files < 16)
			c->values_files[c->nvalues_files++] = v;
		if (!add_csv_files(o, v))
			return 1;
		break;
	case F_SET: ok = htmpl_render_opts_add_set(o, HTMPL_SET, v); break;
	case F_SET_STRING: ok = htmpl_render_opts_add_set(o, HTMPL_SET_STRING, v); break;
	case F_SET_JSON: ok = htmpl_render_opts_add_set(o, HTMPL_SET_JSON, v); break;
	case F_SET_FILE: ok = htmpl_render_opts_add_set(o, HTMPL_SET_FILE, v); break;
	case F_SET_LITERAL: ok = htmpl_render_opts_add_set(o, HTMPL_SET_LITERAL, v); break;
	case F_KUBE:
		ok = !*v || htmpl_render_opts_set_kube_version(o, v);
		c->kube_version = *v ? v : NULL;
		break;
	case F_VALIDATE: c->validate = b; break;
	case F_SCHEMA_LOC: c->schema_location = *v ? v : NULL; break;
	case F_STRICT_SCHEMAS: c->strict_schemas = b; break;
	case F_VALIDATE_OUTPUT: c->validate_output = *v ? v : NULL; break;
	case F_API: ok = htmpl_render_opts_add_api_versions(o, v); break;
	case F_SHOW: ok = htmpl_render_opts_add_show_only(o, v); c->show_only = true; break;
	case F_OUTDIR: c->output_dir = *v ? v : NULL; break;
	case F_NAME_TPL: c->name_template = *v ? v : NULL; break;
	case F_GENERATE: c->generate_name = b; break;
	case F_CRDS: bit = HTMPL_RENDER_INCLUDE_CRDS; break;
	case F_SKIP_TESTS: bit = HTMPL_RENDER_SKIP_TESTS; break;
	case F_NO_HOOKS: bit = HTMPL_RENDER_NO_HOOKS; break;
	case F_UPGRADE: bit = HTMPL_RENDER_IS_UPGRADE; break;
	case F_SKIP_SCHEMA: bit = HTMPL_RENDER_SKIP_SCHEMA; break;
	case F_DEBUG: c->debug = b; break;
	case F_DEP_UPDATE: c->dep_update = b; break;
	case F_REPO_CACHE: c->repo_cache = v; break;
	case F_REPO_CONFIG: c->repo_config = v; break;
	case F_CONTENT_CACHE: c->content_cache = v; break;
	case F_VERSION: c->version = v; break;
	case F_DEVEL: c->devel = b; break;
	case F_VERIFY: c->verify = b; break;
	case F_POST_RENDERER:
		return hcli_postrender_set(&c->pr, v, spelled);
	case F_POST_RENDERER_ARGS:
		ok = hcli_postrender_add_arg(&c->pr, v);
		break;
	case F_CA_FILE: c->ca_file = v; break;
	case F_CERT_FILE: c->cert_file = v; break;
	case F_KEY_FILE: c->key_file = v; break;
	case F_DRY_RUN:
		/* install.go isDryRun: helm 3 takes these and renders client-side for all of them */
		if (strcmp(v, "false") && strcmp(v, "true") && strcmp(v, "none") && strcmp(v, "client") &&
		    strcmp(v, "server"))
			return fail("Invalid dry-run flag. Flag must one of the following: false, true, none, "
			            "client, server");
		break;
	case F_REPO:
		return fail("%s: downloading a chart from a repository needs the network, which htmpl does "
		            "not use; fetch the chart first (helm pull) and give its path", spelled);
	case F_ENABLE_DNS:
		return fail("%s: getHostByName with DNS lookups needs the network, which htmpl does not "
		            "use; without the flag it returns \"\" as helm does", spelled);
	case F_SHOW_ORIGIN: c->show_origin = b; break;
	default: {
		int r = hcli_reports_apply(&c->rep, f->id, v);
		if (r > 0)
			return r;
		break;
	}
	}
	if (bit)
		c->flags = b ? c->flags | bit : c->flags & ~bit;
	if (!ok)
		return fail("%s", "out of memory");
	return 0;
}

/* pkg/cli/environment.go: HELM_NAMESPACE is -n's default and HELM_DEBUG (a ParseBool value)
 * --debug's; the flags given win. */
static void helm_env(cli *c, htmpl_render_opts *o)
{
	const char *ns = getenv("HELM_NAMESPACE"), *dbg = getenv("HELM_DEBUG");
	if (ns && *ns)
		htmpl_render_opts_set_namespace(o, ns);
	if (dbg)
		c->debug = !strcmp(dbg, "1") || !strcmp(dbg, "t") || !strcmp(dbg, "T") ||
		           !strcmp(dbg, "true") || !strcmp(dbg, "TRUE") || !strcmp(dbg, "True");
}

static int parse_args(cli *c, htmpl_render_opts *o, int argc, char **argv, bool *help)
{
	flag_ctx x = {c, o};
	helm_env(c, o);
	return hflags_parse(c->template_mode ? HC_TEMPLATE : HC_RENDER, argc, argv, 2, apply, &x,
	                    c->args, 3, &c->nargs, help);
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
	hcli_helm_apply(env);
	hcli_jobs_apply(env);
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
	const char *mode = c->template_mode ? "template" : c->values_mode ? "values" : "render";
	if (c->nargs < 1) {
		fprintf(stderr, "Error: \"htmpl %s\" requires at least 1 argument\n\nUsage:  htmpl %s\n",
		        mode, c->template_mode ? "template [NAME] [CHART] [flags]"
		        : c->values_mode ? "values CHART [flags]" : "render CHART [flags]");
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

/* An `open FILE:` error about a -f file comes from runInstall before a release exists. */
static bool values_error(const cli *c, const htmpl_error *e)
{
	const char *m = e->message ? e->message : "";
	for (int i = 0; i < c->nvalues_files; i++) {
		size_t n = strlen(c->values_files[i]);
		if (!strncmp(m, "open ", 5) && !strncmp(m + 5, c->values_files[i], n) && m[5 + n] == ':')
			return true;
	}
	return false;
}

static int report(const cli *c, const char *chart, const htmpl_error *e)
{
	fprintf(stderr, "Error: %s", e->code ? e->message : "out of memory");
	/* template.go: with --debug the hint is left out and the manifests are printed */
	if (render_started(e) && !c->debug && !values_error(c, e))
		fputs("\n\nUse --debug flag to render out invalid YAML", stderr);
	fputc('\n', stderr);
	show_context(chart, e);
	return 1;
}

/* --debug after a failed render: what template.go prints before returning the error, the
 * invalid YAML (files as rendered) for a parse error, an empty line for the others. */
static void debug_out(const cli *c, const htmpl_chart *chart, const htmpl_render_opts *o,
                      const htmpl_error *e)
{
	if (!render_started(e) || values_error(c, e))
		return;
	char *files = NULL;
	size_t n = 0;
	if (e->code == HTMPL_ERR_YAML) {
		htmpl_error err = HTMPL_ERROR_INIT;
		files = htmpl_render_debug_files(chart, o, &n, &err);
		htmpl_error_clear(&err);
	}
	if (files)
		fwrite(files, 1, n, stdout);
	else
		fputc('\n', stdout);
	fflush(stdout);
	free(files);
}

/* --post-renderer: helm feeds it the manifests without hooks (renderResources' buffer) and
 * prints strings.TrimSpace of its output, a newline, then the hooks. The hooks are what the
 * full render adds after the render with --no-hooks. */
static char *post_render(cli *c, const htmpl_chart *chart, htmpl_render_opts *o, char *full,
                         size_t *len, htmpl_error *err)
{
	unsigned fl = c->flags | (c->release_flag ? HTMPL_RENDER_OUTPUT_DIR_RELEASE : 0);
	htmpl_render_opts_set_flags(o, fl | HTMPL_RENDER_NO_HOOKS);
	size_t mlen = 0;
	char *man = htmpl_render(chart, o, &mlen, NULL, err);
	htmpl_render_opts_set_flags(o, fl);
	if (!man)
		return NULL;
	const char *hooks = "";
	size_t hlen = 0;
	if (mlen <= *len && !memcmp(full, man, mlen)) {
		hooks = full + mlen;
		hlen = *len - mlen;
	}
	char *why = NULL;
	size_t plen = 0;
	/* an empty manifest is "" to the program, where the printed form is "\n" */
	bool empty = mlen == 1 && man[0] == '\n';
	char *p = hcli_postrender_run(&c->pr, empty ? "" : man, empty ? 0 : mlen, &plen, &why);
	free(man);
	if (!p) {
		err->code = HTMPL_ERR_EXEC;
		err->message = why ? why : strdup("out of memory");
		return NULL;
	}
	size_t b = 0, e = plen;
	while (b < e && strchr(" \t\r\n\v\f", p[b]))
		b++;
	while (e > b && strchr(" \t\r\n\v\f", p[e - 1]))
		e--;
	char *out = malloc(e - b + 1 + hlen + 1);
	if (out) {
		memcpy(out, p + b, e - b);
		out[e - b] = '\n';
		memcpy(out + e - b + 1, hooks, hlen);
		*len = e - b + 1 + hlen;
		out[*len] = 0;
	}
	free(p);
	return out;
}

/* --validate: the printed manifests against the Kubernetes API schema (lint's validator);
 * each finding is a line on stderr, and any finding makes the exit status 1. */
static int validate(const cli *c, const htmpl_chart *chart, const char *out, size_t len)
{
	char *report = NULL;
	htmpl_error err = HTMPL_ERROR_INIT;
	/* without --kube-version, the Capabilities default of the helm reproduced */
	const char *kv = c->kube_version ? c->kube_version : hcli_helm_version() == 4 ? "v1.35.0" : "v1.32.0";
	long n = htmpl_validate(chart, out, len, kv, c->schema_location,
	                        (c->strict_schemas ? HTMPL_VALIDATE_STRICT_SCHEMAS : 0) |
	                                (hcli_jobs() == 1 ? HTMPL_VALIDATE_SERIAL : 0),
	                        c->validate_output,
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

/* action.CheckDependencies: does the render stop on a dependency missing from charts/? */
static bool missing_deps(const htmpl_chart *chart, const htmpl_render_opts *o)
{
	htmpl_error err = HTMPL_ERROR_INIT;
	char *out = htmpl_render(chart, o, NULL, NULL, &err);
	bool missing = !out && err.message && strstr(err.message, "missing in charts/ directory");
	free(out);
	htmpl_error_clear(&err);
	return missing;
}

/* LocateChart for `REPO/CHART`: not a path on disk, so the cached index of REPO picks the
 * version (--version, or any stable one; --devel allows pre-releases) and helm 4's content
 * cache serves the archive. Returns the path to load, or NULL after an error. */
static const char *chart_from_cache(const cli *c, const char *path, char **cached)
{
	struct stat sb;
	const char *slash = strchr(path, '/');
	*cached = NULL;
	if (stat(path, &sb) == 0)
		return path;
	if (strstr(path, "://"))
		return fail("%s: downloading a chart needs the network, which htmpl does not use", path),
		       NULL;
	if (!slash || strchr(slash + 1, '/') || path[0] == '.' || path[0] == '/')
		return path;
	char repo[256];
	snprintf(repo, sizeof repo, "%.*s", (int)(slash - path), path);
	hrepo_paths rp = {c->repo_config, c->repo_cache, c->content_cache};
	hrepo_hit hit;
	if (!hrepo_defined(&rp, repo))
		return fail("repo %s not found", repo), NULL;
	const char *constraint = c->version && *c->version ? c->version : c->devel ? ">0.0.0-0" : "";
	if (hrepo_find(&rp, repo, slash + 1, constraint, false, &hit))
		return NULL;
	if (!hit.archive) {
		fail("%s %s: the archive (%s) is not in the local content cache; downloading it needs the "
		     "network, which htmpl does not use",
		     path, hit.version, hit.url);
		hrepo_hit_free(&hit);
		return NULL;
	}
	/* helm 4's ResolveChartVersion logs this when --version was a range */
	if (c->version && *c->version && strcmp(c->version, hit.version))
		fprintf(stderr, "level=WARN msg=\"unable to find exact version requested; falling back to "
		                "closest available version\" chart=%s requested=%s selected=%s\n",
		        slash + 1, c->version, hit.version);
	*cached = hit.archive;
	hit.archive = NULL;
	hrepo_hit_free(&hit);
	return *cached;
}

static int run(cli *c, htmpl_render_opts *o)
{
	char *owned = NULL, *out = NULL, *warnings = NULL, *cached = NULL;
	htmpl_env *env = NULL;
	htmpl_chart *chart = NULL;
	htmpl_error err = HTMPL_ERROR_INIT;
	int rc = 1;
	const char *path = name_and_chart(c, &owned);
	if (!path)
		goto done;
	if ((env = htmpl_env_new())) {
		hcli_helm_apply(env);
		hcli_jobs_apply(env);
	}
	if (!env) {
		rc = fail("%s", "out of memory");
		goto done;
	}
	hcli_limits_apply(&c->limits, env);
	htmpl_render_opts_set_env(o, env);
	unsigned fl = c->flags | (c->release_flag ? HTMPL_RENDER_OUTPUT_DIR_RELEASE : 0);
	htmpl_render_opts_set_flags(o, fl);
	if ((c->release && !htmpl_render_opts_set_release(o, c->release)) ||
	    (c->output_dir && !htmpl_render_opts_set_output_dir(o, c->output_dir))) {
		rc = fail("%s", "out of memory");
		goto done;
	}
	if (hcli_check_tls_files(c->cert_file, c->key_file, c->ca_file))
		goto done;
	if (!(path = chart_from_cache(c, path, &cached)))
		goto done;
	if (c->verify) {
		struct stat sb;
		rc = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)
		         ? fail("unpacked charts cannot be verified")
		         : fail("--verify: checking a chart's provenance file is not built into htmpl");
		goto done;
	}
	if (c->values_mode && (c->pr.path || c->output_dir || c->validate || c->show_only ||
	                       c->rep.what)) {
		rc = fail("%s", "htmpl values prints values: --post-renderer, --output-dir, --validate, "
		                "--show-only and the report flags belong to render");
		goto done;
	}
	if (c->pr.path && (c->output_dir || c->show_only)) {
		rc = fail("--post-renderer with %s is not supported by htmpl",
		          c->output_dir ? "--output-dir" : "--show-only");
		goto done;
	}
	if (!(chart = htmpl_chart_load(env, path, &err))) {
		rc = report(c, path, &err);
		goto done;
	}
	if (c->dep_update && missing_deps(chart, o)) {
		/* install.go: CheckDependencies failed, so Manager.Update and load the chart again */
		htmpl_chart_free(chart);
		chart = NULL;
		hrepo_paths rp = {c->repo_config, c->repo_cache, c->content_cache};
		if ((rc = hcli_deps_update(path, &rp)))
			goto done;
		rc = 1;
		if (!(chart = htmpl_chart_load(env, path, &err))) {
			rc = report(c, path, &err);
			goto done;
		}
	}
	size_t len = 0;
	htmpl_report *rep = NULL;
	if (c->values_mode) {
		out = htmpl_values(chart, o, c->show_origin, &warnings, &err);
		len = out ? strlen(out) : 0;
	} else if (c->rep.what) {
		out = htmpl_render_report(chart, o, c->rep.what, &len, &warnings, &rep, &err);
	} else {
		out = htmpl_render(chart, o, &len, &warnings, &err);
	}
	if (warnings)
		fputs(warnings, stderr);
	if (out && c->pr.path) {
		char *p = post_render(c, chart, o, out, &len, &err);
		free(out);
		out = p;
	}
	if (!out) {
		if (c->debug)
			debug_out(c, chart, o, &err);
		rc = report(c, path, &err);
		goto done;
	}
	rc = fwrite(out, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 1;
	if (!rc && c->validate && !c->output_dir)
		rc = validate(c, chart, out, len);
	if (rep) {
		/* the reports go to stderr: stdout is the render, byte for byte */
		hcli_reports_print(&c->rep, rep, ~0u, stderr);
		if (!rc)
			rc = hcli_reports_failed(&c->rep, rep);
		htmpl_report_free(rep);
	}
done:
	free(out);
	free(warnings);
	free(owned);
	free(cached);
	hcli_postrender_free(&c->pr);
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

static const char *const commands[] = {"completion", "dependency", "help", "lint", "render",
                                       "template", "values", "version", NULL};

/* cobra's SuggestionsFor: a Levenshtein distance of at most 2, or a prefix. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[64];
	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		d[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = d[0];
		d[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t t = d[j];
			size_t sub = prev + ((a[i - 1] | 32) != (b[j - 1] | 32));
			size_t m = d[j] + 1 < d[j - 1] + 1 ? d[j] + 1 : d[j - 1] + 1;
			d[j] = m < sub ? m : sub;
			prev = t;
		}
	}
	return d[lb];
}

static int unknown_command(const char *name)
{
	fprintf(stderr, "Error: unknown command \"%s\" for \"htmpl\"\n", name);
	bool any = false;
	for (size_t i = 0; commands[i]; i++) {
		if (!strcmp(commands[i], "help"))
			continue;
		if (distance(name, commands[i]) <= 2 || !strncmp(commands[i], name, strlen(name))) {
			fprintf(stderr, "%s\t%s\n", any ? "" : "\nDid you mean this?\n", commands[i]);
			any = true;
		}
	}
	fprintf(stderr, "%sRun 'htmpl --help' for usage.\n", any ? "\n" : "");
	return 1;
}

static void command_help(bool template_mode, bool values_mode)
{
	if (values_mode)
		fputs("Print the coalesced values of a chart as its templates see .Values; "
		      "--show-origin\nnames where each leaf came from.\n\nUsage:\n  htmpl values "
		      "CHART [flags]\n\n", stdout);
	else if (template_mode)
		fputs("Render chart templates locally and display the output, as `helm template` does.\n\n"
		      "Usage:\n  htmpl template [NAME] [CHART] [flags]\n\n",
		      stdout);
	else
		fputs("Render a chart as `helm template` does; the release name comes from "
		      "--release-name.\n\nUsage:\n  htmpl render CHART [flags]\n\n",
		      stdout);
	hflags_usage(stdout, template_mode ? HC_TEMPLATE : HC_RENDER);
	fputs(hcli_limits_usage, stdout);
}

int hcli_completion(int argc, char **argv);
int hcli_manpage(void); /* cli/manpage.c */

int main(int argc, char **argv)
{
	/* --helm 3|4 (and HTMPL_HELM) apply to every command; cli/helm_version.c takes them out */
	if (hcli_helm_parse(&argc, argv))
		return 1;
	/* -j N (and HTMPL_JOBS) likewise; cli/jobs.c */
	if (hcli_jobs_parse(&argc, argv))
		return 1;
	/* helm with no arguments prints its help and exits 0 */
	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    (!strcmp(argv[1], "help") && argc < 3)) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "help"))
		argv[1] = argv[2], argv[2] = "--help", argc = 3;
	if (!strcmp(argv[1], "version") || !strcmp(argv[1], "--version")) {
		printf("htmpl %s (renders like helm v%s)\n", HTMPL_VERSION,
		       hcli_helm_version() == 3 ? "3.17.3" : "4.1.4");
		return 0;
	}
	if (!strcmp(argv[1], "__man"))
		return hcli_manpage();
	if (!strcmp(argv[1], "__flags")) {
		hflags_list(stdout);
		return 0;
	}
	if (!strcmp(argv[1], "dependency") || !strcmp(argv[1], "dep") ||
	    !strcmp(argv[1], "dependencies"))
		return hcli_dependency(argc - 1, argv + 1);
	if (!strcmp(argv[1], "completion"))
		return hcli_completion(argc - 1, argv + 1);
	if (!strcmp(argv[1], "lint"))
		return hcli_lint(argc - 1, argv + 1);
	cli c = {0};
	if (!strcmp(argv[1], "template"))
		c.template_mode = true;
	else if (!strcmp(argv[1], "values"))
		c.values_mode = true; /* render's flags, prints the coalesced values */
	else if (strcmp(argv[1], "render"))
		return unknown_command(argv[1]);
	if (hcli_limits_parse(&argc, argv, &c.limits))
		return 1;
	htmpl_render_opts *o = htmpl_render_opts_new();
	if (!o)
		return fail("%s", "out of memory");
	bool help = false;
	int rc = parse_args(&c, o, argc, argv, &help);
	if (help) {
		command_help(c.template_mode, c.values_mode);
		rc = 0;
	} else if (!rc) {
		rc = run(&c, o);
	}
	hcli_postrender_free(&c.pr);
	htmpl_render_opts_free(o);
	return rc;
}
