/* render_ctx.h - the context of one render, as the engine's functions (funcs.c, funcs_data.c)
 * and the built-in objects (objects.c) reach it through hexec_helm(). A header of types only,
 * so that those files need not include the renderer that calls them. */
#ifndef HTMPL_RENDER_CTX_H
#define HTMPL_RENDER_CTX_H

#include "helm/chart.h"
#include "template/track.h"

/* The context of one render: what fn_helm.c and objects.c reach through hexec_helm(). */
typedef struct hrender {
	const henv *env;
	const hopts *opts;
	harena *arena;  /* every value of the render */
	hbuf *warnings; /* what Helm logs on stderr; may be NULL */
	int lint_mode;  /* required/fail only log */
	int files_only; /* hrender_chart_files: stop after rendering, print the files as --debug does */
	bool no_cache;  /* parse without the chart's cache (a throwaway environment) */
	htrack *track;  /* what the templates read, for the value reports; NULL: off */
	unsigned report_what;        /* htmpl_report_flag */
	struct htmpl_report *report; /* where the findings go; NULL: none */
} hrender;

#endif
