/* funcmap.h - the function table of Helm's engine: Go's builtins, Sprig's and Helm's own
 * (pkg/engine/funcs.go funcMap). */
#ifndef HTMPL_FUNCMAP_H
#define HTMPL_FUNCMAP_H

#include "value/env.h"

/* A new environment holding every function a chart can call (= htmpl_env_new). NULL on out
 * of memory. Free with htmpl_env_free. */
henv *hfuncmap_new(void);

#endif
