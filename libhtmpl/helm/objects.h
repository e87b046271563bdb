/* objects.h - Helm's built-in objects (objects.c): .Release, .Chart, .Capabilities, .Files,
 * .Template and .Subcharts, and the top-level data map of each chart (engine.go recAllTpls,
 * chartutil/values.go ToRenderValues, chartutil/capabilities.go, engine/files.go). */
#ifndef HTMPL_OBJECTS_H
#define HTMPL_OBJECTS_H

#include "helm/chart.h"

/* Parsed --kube-version (chartutil.ParseKubeVersion). */
typedef struct hkubever {
	const char *version; /* "v1.32.0" */
	const char *major;   /* "1" */
	const char *minor;   /* "32" */
	const char *normalized; /* String(): helm 4's "v" + numbers only; helm 3: = version */
} hkubever;

/* Masterminds semver.NewVersion, reprinted as "v" + String(). False with Helm's message
 * (`invalid kube version 'abc': Invalid Semantic Version`) in err. */
bool hobj_parse_kube_version(harena *a, const char *text, hkubever *out, herr *err);
/* helm 4's common.ParseKubeVersion (kubever4.c): default v1.35.0, Helm's message
 * (`invalid kube version 'abc': could not parse "abc" as version`) in err. */
bool hkubever4_parse(harena *a, const char *text, hkubever *out, herr *err);
/* The one the env's Helm version uses. */
bool hobj_parse_kube_version_env(const henv *env, harena *a, const char *text, hkubever *out,
                                 herr *err);

/* .Release: map[string]interface {} {Name, Namespace, IsInstall, IsUpgrade, Revision, Service}. */
bool hobj_release(harena *a, const hopts *o, hv *out);
/* .Capabilities: *chartutil.Capabilities for kv plus opts' --api-versions. */
bool hobj_capabilities(harena *a, const hopts *o, const hkubever *kv, hv *out);
/* The same as helm 4.1.4 builds it: *common.Capabilities, its API versions and BuildInfo. */
bool hobj_capabilities4(harena *a, const hopts *o, const hkubever *kv, hv *out);
/* The top-level map of every enabled chart under rc (recAllTpls), with .Subcharts filled.
 * release and caps are shared. The result's "Template" key is set by the caller per file. */
bool hobj_top(harena *a, const hrchart *rc, const hv *release, const hv *caps, bool v4, hv *out);
/* .Template for one file: chartutil.Values {Name, BasePath}. */
bool hobj_template(harena *a, const char *name, const char *base, hv *out);

/* gobwas/glob with separator '/': `*` stays within a segment, `**` crosses, `?`, `[...]`,
 * `[!...]`, `{a,b}`, `\` escapes. Returns -1 for an invalid pattern, else 1/0. */
int hobj_glob_match(const char *pat, size_t plen, const char *s, size_t slen);
/* Go's path/filepath.Match on '/': -1 for a bad pattern (ErrBadPattern), else 1/0. */
int hobj_path_match(const char *pat, const char *name);

#endif
