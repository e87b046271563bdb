/* cli/repo_cache.h - helm's local repository cache, read offline (cli/repo_cache.c). */
#ifndef HTMPL_CLI_REPO_CACHE_H
#define HTMPL_CLI_REPO_CACHE_H

#include <stdbool.h>

/* --repository-config, --repository-cache, --content-cache; NULL = helm's defaults from the
 * HELM_* and XDG_* variables. */
typedef struct hrepo_paths {
	const char *config;
	const char *cache;
	const char *content;
} hrepo_paths;

/* A chart version found in a cached index.yaml, with its archive in the content cache. */
typedef struct hrepo_hit {
	char *version; /* "0.2.0" */
	char *url;     /* the index's first URL */
	char *archive; /* path of the cached archive, NULL when not cached */
} hrepo_hit;

/* The name repositories.yaml gives a repository: `@name` and `alias:name` are names already,
 * a URL is looked up (trailing slashes ignored). Malloc'ed, or NULL when not defined. */
char *hrepo_name(const hrepo_paths *p, const char *repository);

/* Does repositories.yaml define a repository called name? */
bool hrepo_defined(const hrepo_paths *p, const char *name);

/* Finds chart in the cached index of repository `name` with helm's rule: the highest version
 * satisfying constraint (Masterminds semver; "" = any stable version). Returns 0 with *hit
 * filled, or 1 after printing helm's error (no cached index, chart or version not found);
 * with quiet_version, 2 without a message when only the version is missing. */
int hrepo_find(const hrepo_paths *p, const char *name, const char *chart, const char *constraint,
	       bool quiet_version, hrepo_hit *hit);
void hrepo_hit_free(hrepo_hit *hit);

#endif
