/* yaml_emit.c - STUB. */
#include "yaml.h"

bool hyaml_emit(hbuf *b, const hv *v, herr *err) { (void)b, (void)v; return herr_set(err, HTMPL_ERR_YAML, "not implemented"); }
bool hyaml_emit_pretty(hbuf *b, const hv *v, herr *err) { return hyaml_emit(b, v, err); }
