/* cli/deps_cmd.c - `htmpl dependency list|build|update CHART` and `template --dependency-update`
 * for charts whose dependencies live in file:// repositories, as helm 3.17 does them offline
 * (cmd/helm/dependency*.go, pkg/downloader/manager.go, internal/resolver/resolver.go):
 * Chart.yaml's dependencies (requirements.yaml for apiVersion v1) are resolved with
 * Masterminds semver constraints (htmpl's semverCompare, the function helm's resolver uses),
 * each file:// chart is packed into charts/NAME-VERSION.tgz and Chart.lock is written with
 * helm's digest (sha256 of the JSON of [requirements, locked]). Repository URLs, `@name` and
 * oci:// references are refused: they need the network (the repository cache is not read yet).
 *
 * The Chart.yaml fields are read through include/htmpl.h alone: a small template over the YAML
 * text prints one line per dependency, with toJson giving Go's JSON escaping for the digest. */
#include <htmpl.h>

#include "cli/helm_text.h"
#include "cli/deps_cmd.h"
#include "cli/flags.h"
#include "cli/repo_cache.h"
#include "cli/sha256.h"
#include "cli/tgz_write.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* One line per dependency: name, version, repository, then the JSON helm's digest hashes. */
static const char deps_template[] =
    "{{- range .dependencies -}}"
    "{{ .name | toString }}\t{{ .version | default \"\" | toString }}\t"
    "{{ .repository | default \"\" | toString }}\t"
    "{\"name\":{{ .name | toString | toJson }}"
    "{{ with .version }},\"version\":{{ . | toString | toJson }}{{ end }}"
    ",\"repository\":{{ .repository | default \"\" | toString | toJson }}"
    "{{ with .condition }},\"condition\":{{ toJson . }}{{ end }}"
    "{{ with .tags }},\"tags\":{{ toJson . }}{{ end }}"
    "{{ if .enabled }},\"enabled\":true{{ end }}"
    "{{ with index . \"import-values\" }},\"import-values\":{{ toJson . }}{{ end }}"
    "{{ with .alias }},\"alias\":{{ toJson . }}{{ end }}}\n"
    "{{ end -}}";

typedef struct dep {
	char *name, *version, *repo, *json;
	char *locked;  /* resolved version */
	char *archive; /* repository dependency: the cached archive */
	char *url;     /* repository dependency: its URL in the index */
} dep;

typedef struct deps {
	dep *v;
	size_t n;
	char *text; /* owns the strings */
} deps;

static void deps_free(deps *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].locked);
		free(d->v[i].archive);
		free(d->v[i].url);
	}
	free(d->v);
	free(d->text);
}

/* filepath.Join(dir, rel) with the `..` steps folded, as helm names paths in messages. */
static char *join_clean(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *in = malloc(n), *out = malloc(n + 1);
	if (!in || !out)
		return free(in), free(out), NULL;
	if (rel[0] == '/')
		snprintf(in, n, "%s", rel);
	else
		snprintf(in, n, "%s/%s", dir, rel);
	bool abs = in[0] == '/';
	size_t o = 0, kept = 0; /* kept: segments that a `..` may remove */
	for (char *save = NULL, *s = strtok_r(in, "/", &save); s; s = strtok_r(NULL, "/", &save)) {
		if (!strcmp(s, "."))
			continue;
		if (!strcmp(s, "..") && kept) {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
			kept--;
			continue;
		}
		if (!strcmp(s, "..") && abs)
			continue;
		if (o || abs)
			out[o++] = '/';
		memcpy(out + o, s, strlen(s));
		o += strlen(s);
		if (strcmp(s, ".."))
			kept++;
	}
	if (!o)
		out[o++] = abs ? '/' : '.';
	out[o] = 0;
	if (out[0] == '/' && !abs)
		memmove(out, out + 1, o);
	free(in);
	return out;
}

/* Chart.yaml's dependencies, or requirements.yaml's for an apiVersion v1 chart. */
static int load_deps(const char *chart, deps *d, char **apiv1_req)
{
	memset(d, 0, sizeof *d);
	*apiv1_req = NULL;
	char path[4096];
	snprintf(path, sizeof path, "%s/Chart.yaml", chart);
	char *yaml = hcli_read_text(path);
	if (!yaml) {
		struct stat sb;
		if (stat(chart, &sb) != 0)
			return hflags_fail("stat %s: no such file or directory", chart);
		return hflags_fail("Chart.yaml file is missing");
	}
	char *why = NULL;
	char *api = hcli_run_template("deps", "{{ .apiVersion }}", yaml, &why);
	if (api && !strcmp(api, "v1")) {
		snprintf(path, sizeof path, "%s/requirements.yaml", chart);
		char *req = hcli_read_text(path);
		if (req) {
			free(yaml);
			yaml = req;
			*apiv1_req = strdup("requirements.lock");
		}
	}
	free(api);
	d->text = why ? NULL : hcli_run_template("deps", deps_template, yaml, &why);
	free(yaml);
	if (!d->text) {
		int rc = hflags_fail("%s", why ? why : "out of memory");
		free(why);
		return rc;
	}
	for (char *line = d->text; *line;) {
		char *nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = 0;
		dep x = {0};
		x.name = line;
		char *t1 = strchr(line, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL,
		     *t3 = t2 ? strchr(t2 + 1, '\t') : NULL;
		if (!t3)
			break;
		*t1 = *t2 = *t3 = 0;
		x.version = t1 + 1;
		x.repo = t2 + 1;
		x.json = t3 + 1;
		dep *v = realloc(d->v, (d->n + 1) * sizeof *v);
		if (!v)
			return hflags_fail("out of memory");
		d->v = v;
		d->v[d->n++] = x;
		line = nl + 1;
	}
	return 0;
}

/* semverCompare CONSTRAINT VERSION: Masterminds' Check, as helm's resolver. -1 on a bad
 * constraint (message in *why). */
static int satisfies(const char *constraint, const char *version, char **why)
{
	char tpl[1024];
	snprintf(tpl, sizeof tpl, "{{ semverCompare %s %s }}", "(index . \"c\")",
		 "(index . \"v\")");
	char data[2048];
	snprintf(data, sizeof data, "c: '%s'\nv: '%s'\n", constraint, version);
	char *out = hcli_run_template("deps", tpl, data, why);
	if (!out)
		return -1;
	int r = !strcmp(out, "true");
	free(out);
	return r;
}

/* Reads a chart directory's name and version from its Chart.yaml. */
static bool chart_meta(const char *dir, char **name, char **version)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/Chart.yaml", dir);
	char *yaml = hcli_read_text(path), *why = NULL;
	if (!yaml)
		return false;
	char *out = hcli_run_template("deps", "{{ .name }}\t{{ .version }}", yaml, &why);
	free(yaml);
	free(why);
	if (!out)
		return false;
	char *tab = strchr(out, '\t');
	*tab = 0;
	*name = strdup(out);
	*version = strdup(tab + 1);
	free(out);
	return *name && *version;
}

static bool is_network(const char *repo)
{
	return *repo && strncmp(repo, "file://", 7);
}

/* A dependency from a repository: repositories.yaml names it, the cached index picks the
 * version, the content cache holds the archive. 0, 2 (no matching version), or 1 after an
 * error. */
static int resolve_repo(const hrepo_paths *rp, dep *x)
{
	if (!strncmp(x->repo, "oci://", 6))
		return hflags_fail(
		    "dependency \"%s\" from %s: OCI registries need the network, which "
		    "htmpl does not use",
		    x->name, x->repo);
	char *name = hrepo_name(rp, x->repo);
	if (!name)
		return hflags_fail(
		    "dependency \"%s\": repository %s is not in repositories.yaml, so helm "
		    "would download it directly; that needs the network, which htmpl does "
		    "not use",
		    x->name, x->repo);
	hrepo_hit hit;
	int rc = hrepo_find(rp, name, x->name, x->version, true, &hit);
	if (!rc && !hit.archive)
		rc = hflags_fail(
		    "dependency \"%s\" %s from %s: the archive (%s) is not in the local "
		    "content cache; downloading it needs the network, which htmpl does not use",
		    x->name, hit.version, x->repo, hit.url);
	free(name);
	if (!rc) {
		x->locked = hit.version;
		x->archive = hit.archive;
		x->url = hit.url;
		hit.version = hit.archive = hit.url = NULL;
	}
	hrepo_hit_free(&hit);
	return rc;
}

/* Resolver.Resolve for file://, repository and charts/ dependencies. */
static int resolve(const char *chart, deps *d, const hrepo_paths *rp)
{
	char *missing = NULL;
	size_t nmissing = 0, mlen = 0;
	FILE *m = open_memstream(&missing, &mlen);
	for (size_t i = 0; i < d->n; i++) {
		dep *x = &d->v[i];
		char *why = NULL;
		if (satisfies(*x->version ? x->version : "*", "0.0.0", &why) < 0) {
			fclose(m);
			free(missing);
			int rc = hflags_fail(
			    "dependency \"%s\" has an invalid version/constraint format: %s",
			    x->name, why ? why : "");
			free(why);
			return rc;
		}
		if (is_network(x->repo)) {
			int rc = resolve_repo(rp, x);
			if (rc == 2) {
				fprintf(m, "%s\"%s\" (repository \"%s\", version \"%s\")",
					nmissing ? ", " : "", x->name, x->repo, x->version);
				nmissing++;
				continue;
			}
			if (rc) {
				fclose(m);
				free(missing);
				return rc;
			}
			continue;
		}
		if (!*x->repo) {
			x->locked = strdup(x->version);
			continue;
		}
		char *path = join_clean(chart, x->repo + 7);
		struct stat sb;
		if (!path || stat(path, &sb) != 0) {
			fclose(m);
			free(missing);
			int rc = hflags_fail("directory %s not found", path ? path : x->repo + 7);
			free(path);
			return rc;
		}
		char *name = NULL, *version = NULL;
		bool ok = chart_meta(path, &name, &version);
		free(path);
		free(name);
		if (!ok) {
			free(version);
			continue;
		}
		int s = satisfies(*x->version ? x->version : "*", version, &why);
		free(why);
		if (s <= 0) {
			fprintf(m, "%s\"%s\" (repository \"%s\", version \"%s\")",
				nmissing ? ", " : "", x->name, x->repo, x->version);
			nmissing++;
			free(version);
			continue;
		}
		x->locked = version;
	}
	fclose(m);
	if (nmissing) {
		hflags_fail(
		    "can't get a valid version for %zu subchart(s): %s. Make sure a matching chart "
		    "version exists in the repo, or change the version constraint in Chart.yaml",
		    nmissing, missing);
		free(missing);
		return 1;
	}
	free(missing);
	return 0;
}

/* ---------------------------------------------------------------- Chart.lock */

/* Go's json.Marshal of a string: HTML-safe escaping. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c == '<' || c == '>' || c == '&')
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* goyaml v2's plain scalars: anything that would read back as another type is quoted. */
static void yaml_scalar(FILE *f, const char *s)
{
	bool plain = *s && !strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) && !strstr(s, ": ") &&
		     !strstr(s, " #") && s[strlen(s) - 1] != ' ' && s[strlen(s) - 1] != ':';
	char *end;
	(void)strtod(s, &end);
	if (!*end && *s)
		plain = false;
	static const char *const words[] = {"true", "false", "yes", "no", "on",
					    "off",  "null",  "~",   "y",  "n"};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (!strcasecmp(s, words[i]))
			plain = false;
	if (plain)
		fputs(s, f);
	else
		json_string(f, s);
}

static int write_lock(const char *chart, const deps *d, const char *lockname)
{
	char *json = NULL;
	size_t jlen = 0;
	FILE *j = open_memstream(&json, &jlen);
	fputs("[[", j);
	for (size_t i = 0; i < d->n; i++)
		fprintf(j, "%s%s", i ? "," : "", d->v[i].json);
	fputs("],[", j);
	for (size_t i = 0; i < d->n; i++) {
		fputs(i ? ",{\"name\":" : "{\"name\":", j);
		json_string(j, d->v[i].name);
		if (d->v[i].locked && *d->v[i].locked) {
			fputs(",\"version\":", j);
			json_string(j, d->v[i].locked);
		}
		fputs(",\"repository\":", j);
		json_string(j, d->v[i].repo);
		fputc('}', j);
	}
	fputs("]]", j);
	fclose(j);
	char hex[65];
	hsha256_hex(json, jlen, hex);
	free(json);
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", chart, lockname);
	FILE *f = fopen(path, "w");
	if (!f)
		return hflags_fail("open %s: %s", path, strerror(errno));
	fputs("dependencies:\n", f);
	for (size_t i = 0; i < d->n; i++) {
		fputs("- name: ", f);
		yaml_scalar(f, d->v[i].name);
		fputs("\n  repository: ", f);
		if (*d->v[i].repo)
			yaml_scalar(f, d->v[i].repo);
		else
			fputs("\"\"", f);
		if (d->v[i].locked && *d->v[i].locked) {
			fputs("\n  version: ", f);
			yaml_scalar(f, d->v[i].locked);
		}
		fputc('\n', f);
	}
	/* time.Now() marshalled as RFC 3339 with nanoseconds, trailing zeros dropped */
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char frac[16] = "";
	if (ts.tv_nsec) {
		snprintf(frac, sizeof frac, ".%09ld", ts.tv_nsec);
		for (size_t k = strlen(frac); k > 1 && frac[k - 1] == '0'; k--)
			frac[k - 1] = 0;
	}
	fprintf(f, "digest: sha256:%s\ngenerated: \"%04d-%02d-%02dT%02d:%02d:%02d%sZ\"\n", hex,
		tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		frac);
	return fclose(f) ? hflags_fail("write %s: %s", path, strerror(errno)) : 0;
}

/* ---------------------------------------------------------------- charts/ */

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	if (!in || !out) {
		if (in)
			fclose(in);
		return hflags_fail("open %s: %s", in ? to : from, strerror(errno));
	}
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	return fclose(out) ? hflags_fail("write %s: %s", to, strerror(errno)) : 0;
}

/* Manager.downloadAll for file:// dependencies: each chart is saved as charts/NAME-VER.tgz
 * (chartutil.Save of the loaded chart, so .helmignore applies), older archives of the same
 * dependency removed. */
static int save_all(const char *chart, const deps *d)
{
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/charts", chart);
	mkdir(dir, 0755);
	size_t saving = 0;
	for (size_t i = 0; i < d->n; i++)
		saving += *d->v[i].repo != 0;
	printf("Saving %zu charts\n", saving);
	for (size_t i = 0; i < d->n; i++) {
		const dep *x = &d->v[i];
		if (!*x->repo)
			continue;
		if (x->archive) {
			/* DownloadTo saves the archive under its URL's base name */
			printf("Downloading %s from repo %s\n", x->name, x->repo);
			const char *base = strrchr(x->url, '/');
			base = base ? base + 1 : x->url;
			char out[8192];
			if (*base)
				snprintf(out, sizeof out, "%s/%s", dir, base);
			else
				snprintf(out, sizeof out, "%s/%s-%s.tgz", dir, x->name, x->locked);
			if (copy_file(x->archive, out))
				return 1;
			continue;
		}
		char *src = join_clean(chart, x->repo + 7);
		char *name = NULL, *version = NULL;
		if (!src || !chart_meta(src, &name, &version)) {
			free(src);
			return hflags_fail("directory %s not found", x->repo + 7);
		}
		char out[8192];
		snprintf(out, sizeof out, "%s/%s-%s.tgz", dir, name, version);
		int rc = htgz_write_chart(src, name, out);
		free(src);
		free(name);
		free(version);
		if (rc)
			return rc;
	}
	printf("Deleting outdated charts\n");
	fflush(stdout);
	/* archives of these dependencies with another version */
	DIR *dd = opendir(dir);
	for (struct dirent *e; dd && (e = readdir(dd));) {
		for (size_t i = 0; i < d->n; i++) {
			size_t n = strlen(d->v[i].name);
			if (!d->v[i].locked || strncmp(e->d_name, d->v[i].name, n) ||
			    e->d_name[n] != '-')
				continue;
			char keep[1024];
			snprintf(keep, sizeof keep, "%s-%s.tgz", d->v[i].name, d->v[i].locked);
			const char *rest = e->d_name + n + 1;
			if (strcmp(e->d_name, keep) && rest[0] >= '0' && rest[0] <= '9') {
				char p[8192];
				snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
				unlink(p);
			}
		}
	}
	if (dd)
		closedir(dd);
	return 0;
}

int hcli_deps_update(const char *chart, const hrepo_paths *rp)
{
	deps d;
	char *v1lock = NULL;
	int rc = load_deps(chart, &d, &v1lock);
	if (!rc)
		rc = resolve(chart, &d, rp);
	if (!rc)
		rc = save_all(chart, &d);
	if (!rc)
		rc = write_lock(chart, &d, v1lock ? v1lock : "Chart.lock");
	free(v1lock);
	deps_free(&d);
	return rc;
}

/* `helm dependency list`: uitable rows, every cell padded to its column, tab-separated. */
static int list(const char *chart)
{
	deps d;
	char *v1lock = NULL;
	int rc = load_deps(chart, &d, &v1lock);
	free(v1lock);
	if (rc)
		return rc;
	if (!d.n) {
		printf("WARNING: no dependencies at %s/charts\n", chart);
		deps_free(&d);
		return 0;
	}
	const char **status = calloc(d.n, sizeof *status);
	size_t w[4] = {4, 7, 10, 6};
	for (size_t i = 0; i < d.n; i++) {
		dep *x = &d.v[i];
		char p[8192];
		struct stat sb;
		status[i] = "missing";
		snprintf(p, sizeof p, "%s/charts/%s", chart, x->name);
		if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
			status[i] = "unpacked";
		DIR *dd = NULL;
		snprintf(p, sizeof p, "%s/charts", chart);
		dd = opendir(p);
		for (struct dirent *e; dd && (e = readdir(dd));) {
			size_t n = strlen(x->name), len = strlen(e->d_name);
			if (strncmp(e->d_name, x->name, n) || e->d_name[n] != '-' || len < n + 5 ||
			    strcmp(e->d_name + len - 4, ".tgz"))
				continue;
			char ver[256];
			snprintf(ver, sizeof ver, "%.*s", (int)(len - n - 5), e->d_name + n + 1);
			char *why = NULL;
			status[i] = satisfies(*x->version ? x->version : "*", ver, &why) > 0
					? "ok"
					: "wrong version";
			free(why);
		}
		if (dd)
			closedir(dd);
		size_t c[4] = {strlen(x->name), strlen(x->version), strlen(x->repo),
			       strlen(status[i])};
		for (int k = 0; k < 4; k++)
			if (c[k] > w[k])
				w[k] = c[k];
	}
	printf("%-*s\t%-*s\t%-*s\t%-*s\n", (int)w[0], "NAME", (int)w[1], "VERSION", (int)w[2],
	       "REPOSITORY", (int)w[3], "STATUS");
	for (size_t i = 0; i < d.n; i++)
		printf("%-*s\t%-*s\t%-*s\t%-*s\n", (int)w[0], d.v[i].name, (int)w[1],
		       d.v[i].version, (int)w[2], d.v[i].repo, (int)w[3], status[i]);
	putchar('\n');
	free(status);
	deps_free(&d);
	return 0;
}

int hcli_dependency(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs("Manage the dependencies of a chart (file:// repositories, offline).\n\n"
		      "Usage:\n  htmpl dependency [command]\n\nAvailable Commands:\n"
		      "  build       rebuild the charts/ directory based on the Chart.lock file\n"
		      "  list        list the dependencies for the given chart\n"
		      "  update      update charts/ based on the contents of Chart.yaml\n",
		      stdout);
		return 0;
	}
	const char *sub = argv[1];
	const char *chart = ".";
	hrepo_paths rp = {0};
	for (int i = 2; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--repository-config")  ? &rp.config
				    : !strcmp(argv[i], "--repository-cache") ? &rp.cache
				    : !strcmp(argv[i], "--content-cache")    ? &rp.content
									     : NULL;
		if (slot && i + 1 < argc) {
			*slot = argv[++i];
			continue;
		}
		if (!strcmp(argv[i], "--skip-refresh"))
			continue; /* htmpl never refreshes the indexes */
		if (argv[i][0] == '-')
			return hflags_fail("unknown flag: %s", argv[i]);
		chart = argv[i];
	}
	if (!strcmp(sub, "list") || !strcmp(sub, "ls"))
		return list(chart);
	if (!strcmp(sub, "build") || !strcmp(sub, "update") || !strcmp(sub, "up"))
		return hcli_deps_update(chart, &rp);
	return hflags_fail("unknown command \"%s\" for \"htmpl dependency\"", sub);
}
