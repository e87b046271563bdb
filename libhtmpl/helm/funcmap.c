/* funcmap.c - assembles the function table of Helm's engine, as pkg/engine/funcs.go does:
 * Go's builtins, then every Sprig family, then Helm's own functions. The table is the only
 * place that knows all the families, so that the registry (value/env.c) stays below them. */
#include "helm/funcmap.h"
#include "helm/funcs.h"
#include "sprig/sprig.h"
#include "template/builtins.h"

#include <stddef.h>

typedef bool (*register_fn)(henv *);
static const register_fn families[] = {
	hbuiltins_register, hsprig_strings,  hsprig_list,   hsprig_dict,
	hsprig_numeric,     hsprig_defaults, hsprig_regex,  hsprig_encoding,
	hsprig_reflect,     hsprig_semver,   hsprig_date,   hsprig_crypto,
	hfuncs_data_register, hfuncs_register,
};

henv *hfuncmap_new(void)
{
	henv *env = henv_new_empty();
	if (!env)
		return NULL;
	for (size_t i = 0; i < sizeof families / sizeof *families; i++)
		if (!families[i](env)) {
			htmpl_env_free(env);
			return NULL;
		}
	return env;
}

htmpl_env *htmpl_env_new(void) { return hfuncmap_new(); }
