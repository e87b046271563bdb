/* coalesce.h - what one render makes of a chart tree before it renders, and Helm's coalescing
 * of values over it (coalesce.c: pkg/chartutil/coalesce.go).
 *
 * Helm mutates its *chart.Chart while processing dependencies (aliases, disabled charts,
 * import-values), so a render works on hwchart copies and the loaded hchart stays read-only. */
#ifndef HTMPL_COALESCE_H
#define HTMPL_COALESCE_H

#include "helm/chart.h"

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

void hcoalesce_log(hvctx *x, const char *file_line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* CoalesceValues (merge false) / MergeValues (merge true): a deep copy of vals (NULL = empty)
 * coalesced with c's values and its dependencies'. NULL on error. */
hmap *hcoalesce_values(hvctx *x, hwchart *c, const hmap *vals, bool merge);
/* coalesceTablesFullKey(dst, src): dst wins; changes and returns dst. */
hmap *hcoalesce_merge_tables(hvctx *x, hmap *dst, hmap *src, const char *prefix, bool merge);
/* Values.Table(path): the map at a dotted path, or NULL with the failing key in *bad. */
hmap *hcoalesce_table(hmap *v, const char *path, size_t len, const char **bad, size_t *badlen);
/* A snapshot of a map's entries in key order (in x's arena), safe while the map changes.
 * NULL for an empty map, and on out of memory (x->err is then set). */
hmap_entry *hcoalesce_entries(hvctx *x, hmap *m, size_t *n);
/* Deep copy of a map (copystructure.Copy). */
hmap *hcoalesce_copy(harena *a, const hmap *m);

#endif
