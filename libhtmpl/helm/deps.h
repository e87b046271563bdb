/* deps.h - what one render makes of a chart tree before it renders: Helm mutates its
 * *chart.Chart while processing dependencies (aliases, disabled charts, import-values), so a
 * render works on hwchart copies and the loaded hchart stays read-only.
 *
 * values.c holds Helm's coalesce.go (hvc_coalesce ...), deps.c its dependencies.go. */
#ifndef HTMPL_DEPS_H
#define HTMPL_DEPS_H

#include "helm/chart.h"

/* chart.c: the JSON kind encoding/json names in "cannot unmarshal KIND into Go value of type
 * ..." ("bool", "string", "array", "object", "number"), for values files and Chart.yaml. */
const char *hchart_json_kind(const hv *v);

/* A chart as Helm's dependency processing sees it (a *chart.Chart). */
typedef struct hwchart {
	const hchart *chart;
	const char *name;      /* Metadata.Name, alias applied */
	hmap *values;	       /* c.Values: values.yaml, replaced by import-values */
	hlist *reqs;	       /* Metadata.Dependencies (maps), NULL when Chart.yaml has none */
	struct hwchart **deps; /* c.Dependencies() */
	size_t ndeps;
} hwchart;

/* The state shared by coalescing and dependency processing of one render. */
typedef struct hvctx {
	harena *a;
	hbuf *warn; /* Helm's log.Printf lines ("coalesce.go:237: warning: ..."), may be NULL */
	herr *err;
	const henv *env; /* limits (HTMPL_LIMIT_YAML_NODES for values files); NULL: defaults */
} hvctx;

/* values.c: coalesce.go */
void hvc_log(hvctx *x, const char *file_line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* CoalesceValues (merge false) / MergeValues (merge true): a deep copy of vals (NULL = empty)
 * coalesced with c's values and its dependencies'. NULL on error. */
hmap *hvc_coalesce_values(hvctx *x, hwchart *c, const hmap *vals, bool merge);
/* coalesceTablesFullKey(dst, src): dst wins; changes and returns dst. */
hmap *hvc_merge_tables(hvctx *x, hmap *dst, hmap *src, const char *prefix, bool merge);
/* Values.Table(path): the map at a dotted path, or NULL with the failing key in *bad. */
hmap *hvc_table(hmap *v, const char *path, size_t len, const char **bad, size_t *badlen);
/* Deep copy of a map (copystructure.Copy). */
hmap *hvc_copy(harena *a, const hmap *m);

/* Go's text for an errno (syscall.Errno.Error(): lower case, "no such file or directory"). */
const char *hvc_errstr(int eno);

/* deps.c: dependencies.go and action.CheckDependencies */
hwchart *hdeps_build(hvctx *x, const hchart *c);
/* The `found in Chart.yaml, but missing in charts/ directory` check (top level only). */
bool hdeps_check(const hchart *c, herr *err);
/* ProcessDependenciesWithMerge(c, vals). */
bool hdeps_process(hvctx *x, hwchart *c, hmap *vals);
/* The string value of key in a dependency map ("" when absent). */
const char *hdeps_str(const hmap *dep, const char *key);

#endif
