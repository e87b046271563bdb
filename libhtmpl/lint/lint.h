/* lint.h - `helm lint` (lint.c; packaged charts in lint_archive.c, the deprecated-API table
 * in lint_deprecations.c, printing in lint_print.c, Chart.yaml URL/e-mail checks in
 * govalidator.c) plus htmpl's additions: manifest validation (validate.h) and the opt-in
 * best-practice rules (lint_rules.c).
 *
 * A lint run produces, per chart path, a list of messages (severity, path, text) exactly as
 * helm 3.17.3's pkg/lint builds them; the printing (text as helm prints it, JSON, GitHub
 * workflow annotations) is in lint_print.c and the summary/exit logic in lint.c. */
#ifndef HTMPL_LINT_H
#define HTMPL_LINT_H

#include "helm/chart.h"

/* pkg/lint/support severities (their numeric values decide --strict). */
enum { HLINT_UNKNOWN = 0, HLINT_INFO = 1, HLINT_WARNING = 2, HLINT_ERROR = 4 };

typedef struct hlint_msg {
	int sev;
	const char *path; /* "Chart.yaml", "templates/x.yaml", "" ... */
	const char *text;
	const char *rule; /* htmpl additions: "validate" or a rule id; NULL for helm's rules */
	const char *fix;  /* a one-line fix for rule findings, or NULL */
	int line;         /* 1-based line in the rendered file, or 0 */
} hlint_msg;

typedef struct hlint_chart {
	const char *path;      /* as given on the command line */
	const char *fatal;     /* "unable to check Chart.yaml file in chart: ..." or NULL */
	hlint_msg *msgs;
	size_t n, cap;
} hlint_chart;

typedef enum { HLINT_OUT_TEXT, HLINT_OUT_JSON, HLINT_OUT_GITHUB } hlint_output;

enum {
	HLINT_STRICT = 1 << 0,
	HLINT_QUIET = 1 << 1,
	HLINT_WITH_SUBCHARTS = 1 << 2,
	HLINT_VALIDATE = 1 << 3,
	HLINT_RULES = 1 << 4,
};

/* htmpl_lint_opts (include/htmpl.h). */
struct htmpl_lint_opts {
	harena *arena;
	htmpl_render_opts *render; /* values, --set, -n, --kube-version */
	const char **paths;
	size_t npaths;
	unsigned flags;
	hlint_output output;
	const char *schema_dir;
};

/* One lint context: where messages are allocated and how charts are rendered. */
typedef struct hlint {
	const henv *env;
	const struct htmpl_lint_opts *o;
	harena *a;
	hbuf *err; /* what helm prints on stderr while linting (engine.go:206 lines) */
} hlint;

/* Appends a message (text copied). False on out of memory. */
bool hlint_add(hlint *L, hlint_chart *c, int sev, const char *path, const char *text);

/* Lints one chart path into c (every rule of pkg/lint/rules, then --validate and --rules). */
bool hlint_chart_run(hlint *L, const char *path, hlint_chart *c, herr *err);

/* lint_rules.c: the recommended rules over every rendered document of one chart.
 * docs are the decoded documents (maps), sources the template path of each
 * ("templates/x.yaml") and lines their first line in the rendered file. */
typedef struct hlint_doc {
	const char *source;
	int line;
	hv doc;
} hlint_doc;
bool hlint_rules_run(hlint *L, hlint_chart *c, const hlint_doc *docs, size_t n);

/* The one-line fix text of a rule id, or NULL. */
const char *hlint_rule_fix(const char *id);

/* Go's %q of s (n bytes) appended to b. */
void hlint_quote(hbuf *b, const char *s, size_t n);

/* lint.c helpers shared with lint_archive.c: dir/name in L's arena, and a Chart.yaml field
 * as chart.Metadata holds it (scalars as strings, "" when missing). */
const char *hlint_join_path(hlint *L, const char *dir, const char *name);
const char *hlint_md_str(hlint *L, const hv *md, const char *key);

/* chartfile4.c (helm 4 only): StrictNewVersion of Masterminds/semver v3.4.0, and the first
 * Chart.yaml key chart.Metadata has no field for (NULL when none). */
bool hlint_semver_strict(const char *v);
const char *hlint_chart_unknown_field(const hv *md);

/* lint_deprecations.c: k8s.io/api v0.32 prerelease-lifecycle facts: deprecated in
 * vMAJOR.MINOR, and the rest of deprecation.WarningMessage after `is deprecated in vX.Y+`. */
typedef struct hlint_depr {
	const char *api_version, *kind;
	unsigned char major, minor;
	const char *tail;
} hlint_depr;

/* The table entry of an apiVersion/kind pair, or NULL when it is not deprecated. */
const hlint_depr *hlint_find_deprecation(const char *av, const char *kind);

/* lint_archive.c: a .tgz/.tar.gz path is expanded before linting (pkg/action/lint.go). */
bool hlint_is_archive_path(const char *p);
/* Expands the archive at path; *dir is the chart directory to lint and *tmp the directory to
 * remove afterwards. A failure helm reports as the chart's error sets c->fatal; false only on
 * an internal failure (out of memory, cannot write the temporary tree). */
bool hlint_expand_archive(hlint *L, hlint_chart *c, const char *path, const char **dir,
                          char **tmp);
/* Removes a temporary tree made by hlint_expand_archive (NULL: nothing). */
void hlint_remove_tree(const char *dir);

/* lint_print.c: the three outputs; each returns the number of failed charts (--strict
 * counts warnings). */
size_t hlint_print_text(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
size_t hlint_print_json(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
size_t hlint_print_github(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
/* A chart with a fatal error, a warning or an error (what --quiet still prints). */
bool hlint_has_warn_or_err(const hlint_chart *c);

#endif
