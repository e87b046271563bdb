/* chart.c - STUB. */
#include "chart.h"

hchart *hchart_load(const henv *env, const char *path, herr *err) { (void)env, (void)path; herr_set(err, HTMPL_ERR_CHART, "not implemented"); return NULL; }
hchart *hchart_load_archive(const henv *env, const char *name, const void *data, size_t len, herr *err) { (void)env, (void)name, (void)data, (void)len; herr_set(err, HTMPL_ERR_CHART, "not implemented"); return NULL; }
void hchart_free(hchart *c) { (void)c; }
