/* exec.c - STUB. */
#include "template.h"

#include <stdlib.h>

struct htset { const henv *env; };
htset *htset_new(const henv *env) { htset *s = calloc(1, sizeof *s); if (s) s->env = env; return s; }
void htset_free(htset *s) { free(s); }
bool htset_parse(htset *s, const char *name, const char *text, size_t len, herr *err) { (void)s, (void)name, (void)text, (void)len, (void)err; return true; }
bool htset_has(const htset *s, const char *name) { (void)s, (void)name; return false; }
bool hexec_execute(const htset *s, const char *name, const hv *data, const hexec_opts *o, hbuf *out, herr *err)
{ (void)s, (void)name, (void)data, (void)o, (void)out; return herr_set(err, HTMPL_ERR_EXEC, "not implemented"); }
void *hexec_helm(const struct hexec *x) { (void)x; return NULL; }
