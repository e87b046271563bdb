/* values_report.h - htmpl's value reports (values_report.c): unused values, missing keys,
 * floats in exponent form, and value origins, from the read tracker (template/track.h) and
 * the values sources of one render. Beyond Helm: no upstream. */
#ifndef HTMPL_VALUES_REPORT_H
#define HTMPL_VALUES_REPORT_H

#include "helm/chart.h"
#include "template/track.h"

struct htmpl_report {
	harena *a;
	htmpl_finding *v;
	size_t n, cap;
};

/* An empty report (malloc'ed); NULL on out of memory. */
htmpl_report *hvalues_report_new(void);

/* Adds the findings `what` (htmpl_report_flag) asks for about one render of root (the
 * prepared chart tree of hvalues_prepare) with options o, whose templates t tracked. False
 * on out of memory (err set). */
bool hvalues_report_build(htmpl_report *rep, const henv *env, const hopts *o, const hrchart *root,
                    const htrack *t, unsigned what, herr *err);

/* `htmpl values`: root's .Values in toYaml's form; with show_origin a `  # ORIGIN` comment
 * ends each leaf line. */
bool hvalues_report_tree(hbuf *out, const henv *env, const hopts *o, const hrchart *root,
                     bool show_origin, herr *err);

/* The report as text, JSON or GitHub workflow commands (htmpl_report_format). */
bool hvalues_report_format(const htmpl_report *r, htmpl_report_format fmt, const char *prefix,
                     hbuf *out);

#endif
