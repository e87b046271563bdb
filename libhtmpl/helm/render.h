/* render.h - Helm's engine and `helm template`'s output (render.c).
 *
 * hrender_chart() is the whole of `helm template` after flag parsing: installability and
 * dependency checks, release name validation, values (hvalues_prepare), the kubeVersion
 * constraint, the engine (pkg/engine/engine.go: one template set, sortTemplates order,
 * `<no value>` stripping, Helm's error rewriting), NOTES.txt removal, manifest splitting,
 * hooks and the InstallOrder kind sort (pkg/releaseutil), CRDs, --show-only and --output-dir
 * (pkg/action/action.go renderResources, cmd/helm/template.go).
 *
 * The lower steps are exposed for `helm lint` (lint.c) and for the unit tests. */
#ifndef HTMPL_RENDER_H
#define HTMPL_RENDER_H

#include "helm/chart.h"
#include "helm/render_ctx.h"
#include "template/exec.h"

/* One rendered template file. */
typedef struct hrendered {
	const char *name; /* "c/templates/t.yaml" */
	const char *text; /* after `<no value>` stripping, in the render arena */
	size_t len;
} hrendered;

/* Helm's Engine.Render: parses every template of the enabled charts into one set and executes
 * each non-partial file. Files come back in execution (sortTemplates) order, NOTES.txt
 * included. Errors are rewritten as Helm does (parse error at (...), execution error at (...)). */
bool hrender_templates(hrender *r, const hrchart *root, hrendered **files, size_t *nfiles,
                       herr *err);

/* helm 4's reformatExecErrorMsg (exec_error4.c): appends the multi-line form of the
 * text/template error MSG to out and returns true, or returns false (out unchanged) where
 * helm 4 keeps the error as it is. */
bool hrender_exec_error4(const char *msg, size_t n, hbuf *out);

/* `helm template`: the text helm prints on stdout (or, with an output dir, the `wrote` lines).
 * Warnings go to `warnings` (may be NULL). */
bool hrender_chart(const henv *env, const hchart *c, const hopts *o, hbuf *out, hbuf *warnings,
                   herr *err);
/* hrender_chart, plus the value reports `what` (htmpl_report_flag) asks for, added to report. */
bool hrender_chart_report(const henv *env, const hchart *c, const hopts *o, hbuf *out,
                          hbuf *warnings, unsigned what, htmpl_report *report, herr *err);
/* `htmpl values`: the coalesced top-level values (values_report.c hvalues_report_tree). */
bool hrender_values(const henv *env, const hchart *c, const hopts *o, bool show_origin,
                    hbuf *out, hbuf *warnings, herr *err);
/* What `helm template --debug` prints on stdout when the manifests do not parse: the rendered
 * files (NOTES.txt left out), each as `---\n# Source: NAME\nTEXT`, in name order. */
bool hrender_chart_files(const henv *env, const hchart *c, const hopts *o, hbuf *out,
                         hbuf *warnings, herr *err);

/* releaseutil.SplitManifests: splits with `(?:^|\s*\n)---\s*` after TrimSpace, drops empty
 * pieces, trims the rest. Calls fn for each piece; stops early when fn returns false. */
typedef bool (*hrender_piece_fn)(void *ud, const char *s, size_t len);
bool hrender_split(const char *s, size_t len, hrender_piece_fn fn, void *ud);

/* Position of kind in InstallOrder (helm 4's, which adds the admission webhook kinds, or
 * helm 3's), or -1 for an unknown kind. */
int hrender_kind_rank(const char *kind, bool helm4);
/* lessByKind: known kinds by InstallOrder, then unknown kinds by byte order. */
bool hrender_kind_less(const char *a, const char *b, bool helm4);

/* chartutil.ValidateReleaseName: NULL when valid, else Helm's message. */
const char *hrender_check_release_name(const char *name);

/* Go's strings.TrimSpace bounds: *s and *len are narrowed. */
void hrender_trim(const char **s, size_t *len);

#endif
