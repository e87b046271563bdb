/* cli/repo_cache.c - helm's repository files, read offline: repositories.yaml (pkg/repo
 * file.go), the cached index NAME-index.yaml under the repository cache (helmpath
 * CacheIndexFile), and chart archives in helm 4's content cache, CONTENT/XX/DIGEST.chart
 * (pkg/downloader/cache.go DiskCache, keyed by the index entry's sha256 digest). Paths follow
 * pkg/cli/environment.go and pkg/helmpath: flags first, then HELM_REPOSITORY_CONFIG,
 * HELM_REPOSITORY_CACHE, HELM_CONTENT_CACHE, then HELM_CONFIG_HOME / HELM_CACHE_HOME, then
 * XDG_CONFIG_HOME / XDG_CACHE_HOME + /helm, then ~/.config/helm and ~/.cache/helm.
 * Versions are chosen as repo.IndexFile.Get does: the highest satisfying the constraint
 * (semverCompare is Masterminds semver, as helm's). YAML is read through htmpl's templates. */
#include <htmpl.h>

#include "cli/helm_text.h"
#include "cli/flags.h"
#include "cli/repo_cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* helmpath: FLAG, else $VAR, else $HELM_x_HOME/leaf, else $XDG_x_HOME/helm/leaf, else
 * ~/dot/helm/leaf. */
static char *helm_path(const char *flag, const char *var, const char *home_var, const char *xdg,
		       const char *dot, const char *leaf)
{
	char buf[4096];
	const char *v;
	if (flag && *flag)
		return strdup(flag);
	if ((v = getenv(var)) && *v)
		return strdup(v);
	if ((v = getenv(home_var)) && *v)
		snprintf(buf, sizeof buf, "%s/%s", v, leaf);
	else if ((v = getenv(xdg)) && *v)
		snprintf(buf, sizeof buf, "%s/helm/%s", v, leaf);
	else
		snprintf(buf, sizeof buf, "%s/%s/helm/%s", getenv("HOME") ? getenv("HOME") : "",
			 dot, leaf);
	return strdup(buf);
}

static char *config_file(const hrepo_paths *p)
{
	return helm_path(p->config, "HELM_REPOSITORY_CONFIG", "HELM_CONFIG_HOME", "XDG_CONFIG_HOME",
			 ".config", "repositories.yaml");
}

static char *cache_dir(const hrepo_paths *p)
{
	return helm_path(p->cache, "HELM_REPOSITORY_CACHE", "HELM_CACHE_HOME", "XDG_CACHE_HOME",
			 ".cache", "repository");
}

static char *content_dir(const hrepo_paths *p)
{
	return helm_path(p->content, "HELM_CONTENT_CACHE", "HELM_CACHE_HOME", "XDG_CACHE_HOME",
			 ".cache", "content");
}

/* Executes text over YAML data built as `KEY: 'VALUE'` lines plus an indented document. */
static char *run(const char *text, const char *data)
{
	char *why = NULL;
	char *out = hcli_run_template("repo", text, data, &why);
	if (!out && getenv("HTMPL_DEBUG_REPO"))
		fprintf(stderr, "%s\n", why ? why : "?");
	free(why);
	return out;
}

/* 'single quoted' YAML scalar */
static void quoted(FILE *f, const char *key, const char *v)
{
	fprintf(f, "%s: '", key);
	for (; *v; v++)
		fputs(*v == '\'' ? "''" : (char[]){*v, 0}, f);
	fputs("'\n", f);
}

static char *with_doc(const char *k1, const char *v1, const char *k2, const char *v2,
		      const char *docname, const char *doc)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (!m)
		return NULL;
	quoted(m, k1, v1);
	if (k2)
		quoted(m, k2, v2);
	fprintf(m, "%s:\n", docname);
	for (const char *s = doc; *s;) {
		size_t n = strcspn(s, "\n");
		fprintf(m, "  %.*s\n", (int)n, s);
		s += n + (s[n] == '\n');
	}
	fclose(m);
	return buf;
}

bool hrepo_defined(const hrepo_paths *p, const char *name)
{
	char *path = config_file(p);
	char *doc = path ? hcli_read_text(path) : NULL;
	free(path);
	if (!doc)
		return false;
	char *data = with_doc("want", name, NULL, NULL, "f", doc);
	free(doc);
	char *out = data
			? run("{{- range .f.repositories }}{{ if eq (.name | toString) $.want }}yes"
			      "{{ end }}{{ end -}}",
			      data)
			: NULL;
	free(data);
	bool yes = out && *out;
	free(out);
	return yes;
}

char *hrepo_name(const hrepo_paths *p, const char *repository)
{
	if (repository[0] == '@')
		return strdup(repository + 1);
	if (!strncmp(repository, "alias:", 6))
		return strdup(repository + 6);
	char *path = config_file(p);
	char *doc = path ? hcli_read_text(path) : NULL;
	free(path);
	if (!doc)
		return NULL;
	char *data = with_doc("u", repository, NULL, NULL, "f", doc);
	free(doc);
	char *out =
	    data ? run("{{- $u := trimSuffix \"/\" .u -}}"
		       "{{- range .f.repositories -}}"
		       "{{- if eq (trimSuffix \"/\" (.url | toString)) $u }}{{ .name }}\n{{ end -}}"
		       "{{- end -}}",
		       data)
		 : NULL;
	free(data);
	if (out && !*out) {
		free(out);
		return NULL;
	}
	if (out)
		out[strcspn(out, "\n")] = 0;
	return out;
}

/* repo.IndexFile.Get: entries sorted newest first, the first that satisfies the constraint. */
static const char pick_template[] =
    "{{- $c := .c | default \"*\" -}}{{- $best := \"\" -}}{{- $url := \"\" -}}{{- $dig := \"\" -}}"
    "{{- range (index .f \"entries\" .chart | default list) -}}"
    "{{- $v := .version | toString -}}"
    "{{- if regexMatch \"^v?[0-9]+(\\\\.[0-9]+){0,2}(-[0-9A-Za-z.-]+)?(\\\\+[0-9A-Za-z.-]+)?$\" $v "
    "-}}"
    "{{- if semverCompare $c $v -}}"
    "{{- if or (eq $best \"\") (semverCompare (printf \">%s\" $best) $v) -}}"
    "{{- $best = $v -}}{{- $url = index (.urls | default (list \"\")) 0 -}}"
    "{{- $dig = .digest | default \"\" | toString -}}"
    "{{- end -}}{{- end -}}{{- end -}}{{- end -}}"
    "{{ if hasKey .f.entries .chart }}found{{ end }}\t{{ $best }}\t{{ $url }}\t{{ $dig }}";

int hrepo_find(const hrepo_paths *p, const char *name, const char *chart, const char *constraint,
	       bool quiet_version, hrepo_hit *hit)
{
	memset(hit, 0, sizeof *hit);
	char *dir = cache_dir(p), path[4096];
	snprintf(path, sizeof path, "%s/%s-index.yaml", dir ? dir : "", name);
	free(dir);
	char *doc = hcli_read_text(path);
	if (!doc)
		return hflags_fail(
		    "no cached repository for %s found. (try 'helm repo update'): open %s: "
		    "no such file or directory",
		    name, path);
	char *data = with_doc("c", constraint ? constraint : "", "chart", chart, "f", doc);
	free(doc);
	char *out = data ? run(pick_template, data) : NULL;
	free(data);
	if (!out)
		return hflags_fail("cannot read the cached index of repository %s (%s)", name,
				   path);
	char *f[4] = {out};
	for (int i = 1; i < 4; i++) {
		char *t = f[i - 1] ? strchr(f[i - 1], '\t') : NULL;
		if (t)
			*t = 0;
		f[i] = t ? t + 1 : NULL;
	}
	int rc = 0;
	if (strcmp(f[0], "found"))
		rc = hflags_fail("chart \"%s\" matching %s not found in %s index. (try 'helm repo "
				 "update'): no chart name found",
				 chart, constraint ? constraint : "", name);
	else if ((!f[1] || !*f[1]) && quiet_version)
		rc = 2;
	else if (!f[1] || !*f[1])
		rc = hflags_fail("chart \"%s\" matching %s not found in %s index. (try 'helm repo "
				 "update'): no chart version found for %s-%s",
				 chart, constraint ? constraint : "", name, chart,
				 constraint ? constraint : "");
	if (!rc) {
		hit->version = strdup(f[1]);
		hit->url = strdup(f[2] ? f[2] : "");
		const char *dg = f[3] ? f[3] : "";
		if (!strncmp(dg, "sha256:", 7))
			dg += 7;
		char *cdir = content_dir(p);
		struct stat sb;
		if (cdir && strlen(dg) == 64) {
			snprintf(path, sizeof path, "%s/%.2s/%s.chart", cdir, dg, dg);
			if (stat(path, &sb) == 0 && sb.st_size > 0)
				hit->archive = strdup(path);
		}
		free(cdir);
	}
	free(out);
	return rc;
}

void hrepo_hit_free(hrepo_hit *hit)
{
	free(hit->version);
	free(hit->url);
	free(hit->archive);
	memset(hit, 0, sizeof *hit);
}
