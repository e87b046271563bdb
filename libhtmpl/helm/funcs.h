/* funcs.h - the functions Helm's engine adds to Sprig's (pkg/engine/funcs.go). */
#ifndef HTMPL_FUNCS_H
#define HTMPL_FUNCS_H

#include "value/env.h"

/* include and tpl are builtins run by the executor; these add the rest. False on out of
 * memory. */
bool hfuncs_register(henv *env);      /* funcs.c: required, fail, lookup ... */
bool hfuncs_data_register(henv *env); /* funcs_data.c: toYaml, fromYaml, toJson, toToml ... */

#endif
