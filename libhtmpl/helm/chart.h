/* chart.h - a loaded chart (chart.c loads directories and archives; ignore.c applies
 * .helmignore), and what one render makes of it (values.c, deps.c).
 *
 * A loaded chart is read-only: renders never change it. */
#ifndef HTMPL_CHART_H
#define HTMPL_CHART_H

#include "core/error.h"
#include "value/env.h"
#include "value/value.h"

typedef struct hfile {
	const char *name; /* path relative to the chart root, '/'-separated: "templates/x.yaml" */
	const char *data; /* contents (BOM stripped for text Helm reads) */
	size_t len;
} hfile;

typedef struct hchart {
	harena *arena;        /* owns everything below */
	const char *name;     /* Chart.yaml name */
	hv metadata;          /* Chart.yaml as loaded (map), kept for .Chart and lint */
	const char *api_version; /* "v1" (or missing) / "v2" */
	bool is_library;
	hv values;            /* values.yaml (map; empty map when absent) */
	const char *values_text; /* values.yaml as read (NULL when absent), for report lines */
	size_t values_len;
	const hfile *schema;  /* values.schema.json, or NULL */
	hfile *templates;     /* everything under templates/, sorted by name */
	size_t ntemplates;
	hfile *files;         /* everything .Files exposes, sorted by name */
	size_t nfiles;
	hfile *crds;          /* crds/ files: .yaml|yml|json */
	size_t ncrds;
	hv dependencies;      /* Chart.yaml dependencies (or requirements.yaml for v1): list or nil */
	struct hchart **subcharts; /* loaded from charts/ (dirs and archives) */
	size_t nsubcharts;
	const char *path;     /* where it was loaded from, for messages */
	struct hparsecache *pcache; /* the root's parsed templates (helm/parse_cache.h); NULL in
	                         * subcharts and in charts built by hand: no caching */
	const char *load_log; /* root only: what helm logs on stderr while loading the tree
	                       * (requirements.yaml in a v2 chart), "" when nothing; every
	                       * loader.Load of helm prints it again */
} hchart;

struct htmpl_chart { hchart c; };

/* Loads a chart directory or .tgz. */
hchart *hchart_load(const henv *env, const char *path, herr *err);
/* The same through helm 4's pkg/chart/v2/loader, as `helm lint` loads: no loader.chartBase
 * probe of the root's Chart.yaml, so its decoding errors name v2.Metadata. Helm 3: the same
 * as hchart_load. */
hchart *hchart_load_v2(const henv *env, const char *path, herr *err);
/* Loads from an archive already in memory (fuzzing, tests, subcharts). */
hchart *hchart_load_archive(const henv *env, const char *name, const void *data, size_t len, herr *err);
void hchart_free(hchart *c);

/* The options of one render (htmpl_render_opts). */
typedef struct hvalues_src {
	const char *name; /* file path, or a label for in-memory text */
	const char *data; /* NULL: read the file `name` ("-" = stdin) */
	size_t len;
} hvalues_src;

typedef struct hset_src {
	htmpl_set_kind kind;
	const char *expr;
} hset_src;

struct htmpl_render_opts {
	harena *arena; /* owns every string below */
	const char *release;   /* NULL: "release-name" */
	const char *ns;        /* NULL: "default" */
	hvalues_src *values; size_t nvalues;
	hset_src *sets; size_t nsets;
	const char *kube_version; /* NULL: v1.32.0 */
	const char **api_versions; size_t napi;
	const char **show_only; size_t nshow;
	unsigned flags; /* htmpl_render_flag */
	const henv *env;        /* functions for the render; NULL: a default env per render */
	const char *output_dir; /* --output-dir, or NULL */
};
typedef struct htmpl_render_opts hopts;
/* Internal hopts flag, above the public htmpl_render_flag bits: the values are prepared for
 * `helm template` itself (pkg/action/install.go), not for lint. */
#define HOPTS_F_INSTALL (1u << 30)

/* A chart as it takes part in one render: enabled, aliased, with its coalesced values. */
typedef struct hrchart {
	const hchart *chart;
	const char *name;        /* alias or chart name */
	const char *path;        /* template path prefix: "top", "top/charts/sub" */
	hv values;               /* this chart's .Values */
	struct hrchart **subs;   /* enabled subcharts, in Chart.yaml dependency order */
	size_t nsubs;
	struct hrchart *parent;
	const hlist *reqs;       /* Metadata.Dependencies after processing (enabled ones, their
	                          * import-values rewritten to child/parent pairs), or NULL */
	/* the top only: each -f file's text as read (data never NULL), for the value reports */
	const struct hvalues_src *user_texts;
	size_t nuser_texts;
} hrchart;

/* Builds the user values from opts (-f files, then --set-json, --set, --set-string,
 * --set-file, --set-literal), processes dependencies (conditions, tags, aliases,
 * import-values), coalesces with chart defaults and validates schemas. Warnings Helm prints
 * on stderr (coalesce "skipped value", ImportValues) go to `warnings`. */
bool hvalues_prepare(const hchart *c, const hopts *o, harena *a, hrchart **root, hbuf *warnings,
                     herr *err);
/* rules/values.go validateValuesFile's coalescing, for its warnings: the overrides of o
 * (-f, --set...) coalesced with the chart's values.yaml file_vals by CoalesceTables
 * (`coalesce.go:298: warning: cannot overwrite table with non table for a (map[b:1])`). */
bool hvalues_lint_tables(const hopts *o, harena *a, hmap *file_vals, hbuf *warnings, herr *err);


#endif
