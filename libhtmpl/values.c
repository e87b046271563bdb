/* values.c - STUB. */
#include "chart.h"

bool hvalues_prepare(const hchart *c, const hopts *o, harena *a, hrchart **root, hbuf *warnings, herr *err)
{ (void)c, (void)o, (void)a, (void)root, (void)warnings; return herr_set(err, HTMPL_ERR_CHART, "not implemented"); }
