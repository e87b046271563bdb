/* json.c - STUB. */
#include "json.h"

bool hjson_encode(hbuf *b, const hv *v, unsigned flags, herr *err) { (void)b, (void)v, (void)flags; return herr_set(err, HTMPL_ERR_YAML, "not implemented"); }
bool hjson_decode(harena *a, const char *text, size_t len, hv *out, herr *err) { (void)a, (void)text, (void)len, (void)out; return herr_set(err, HTMPL_ERR_YAML, "not implemented"); }
