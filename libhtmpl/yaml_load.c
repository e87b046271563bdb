/* yaml_load.c - STUB. */
#include "yaml.h"

bool hyaml_load(harena *a, const char *text, size_t len, hv *out, herr *err)
{
	(void)text, (void)len, (void)err;
	hmap *m = hmap_new(a, 0);
	if (!m)
		return herr_nomem(err);
	*out = hv_of_map(HT_MAP, m);
	return true;
}
bool hyaml_load_all(harena *a, const char *text, size_t len, hv *out, herr *err)
{
	(void)a, (void)text, (void)len, (void)out;
	return herr_set(err, HTMPL_ERR_YAML, "not implemented");
}
