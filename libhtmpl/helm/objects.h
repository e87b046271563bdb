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
} hkubever;

/* Masterminds semver.NewVersion, reprinted as "v" + String(). False with Helm's message
 * (`invalid kube version 'abc': Invalid Semantic Version`) in err. */
bool hobj_parse_kube_version(harena *a, const char *text, hkubever *out, herr *err);

/* .Release: map[string]interface {} {Name, Namespace, IsInstall, IsUpgrade, Revision, Service}. */
bool hobj_release(harena *a, const hopts *o, hv *out);
/* .Capabilities: *chartutil.Capabilities for kv plus opts' --api-versions. */
bool hobj_capabilities(harena *a, const hopts *o, const hkubever *kv, hv *out);
/* The top-level map of every enabled chart under rc (recAllTpls), with .Subcharts filled.
 * release and caps are shared. The result's "Template" key is set by the caller per file. */
bool hobj_top(harena *a, const hrchart *rc, const hv *release, const hv *caps, hv *out);
/* .Template for one file: chartutil.Values {Name, BasePath}. */
bool hobj_template(harena *a, const char *name, const char *base, hv *out);

/* gobwas/glob with separator '/': `*` stays within a segment, `**` crosses, `?`, `[...]`,
 * `[!...]`, `{a,b}`, `\` escapes. Returns -1 for an invalid pattern, else 1/0. */
int hobj_glob_match(const char *pat, size_t plen, const char *s, size_t slen);
/* Go's path/filepath.Match on '/': -1 for a bad pattern (ErrBadPattern), else 1/0. */
int hobj_path_match(const char *pat, const char *name);

#endif
