/* lint_report.h - what a lint run collects (lint_report.c): per chart path, messages with a severity, a
 * path and a text, exactly as helm's pkg/lint/support builds them; and the small helpers
 * every lint file shares. */
#ifndef HTMPL_LINT_REPORT_H
#define HTMPL_LINT_REPORT_H

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

typedef enum { HLINT_OUT_TEXT, HLINT_OUT_JSON, HLINT_OUT_GITHUB, HLINT_OUT_JUNIT, HLINT_OUT_TAP } hlint_output;

enum {
	HLINT_STRICT = 1 << 0,
	HLINT_QUIET = 1 << 1,
	HLINT_WITH_SUBCHARTS = 1 << 2,
	HLINT_VALIDATE = 1 << 3,
	HLINT_RULES = 1 << 4,
};

/* One lint context: where messages are allocated and how charts are rendered. */
typedef struct hlint {
	const henv *env;
	const struct htmpl_lint_opts *o;
	harena *a;
	hbuf *err; /* what helm prints on stderr while linting (engine.go:206 lines) */
	struct htmpl_report *report; /* the value reports, when opts ask for them */
} hlint;

/* Appends a message (text copied). False on out of memory. */
bool hlint_add(hlint *L, hlint_chart *c, int sev, const char *path, const char *text);

/* Go's %q of s (n bytes) appended to b. */
void hlint_quote(hbuf *b, const char *s, size_t n);

/* lint.c helpers shared with lint_archive.c: dir/name in L's arena, and a Chart.yaml field
 * as chart.Metadata holds it (scalars as strings, "" when missing). */
const char *hlint_join_path(hlint *L, const char *dir, const char *name);
const char *hlint_md_str(hlint *L, const hv *md, const char *key);

#endif
