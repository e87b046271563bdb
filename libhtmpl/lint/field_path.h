/* field_path.h - the dotted field path a validator reports findings at (`spec.containers[0]
 * .image`), grown and shrunk as it walks a document. Shared by the Kubernetes validator
 * (validate.c) and the CRD structural-schema validator (crd.c); header-only, so neither
 * links the other. */
#ifndef HTMPL_FIELD_PATH_H
#define HTMPL_FIELD_PATH_H

#include "core/buf.h"

/* Appends `.k` (or `k` at the root); returns the mark to go back to. */
static inline size_t hfield_path_key(hbuf *p, const char *k)
{
	size_t mark = p->len;
	if (mark)
		hbuf_putc(p, '.');
	hbuf_puts(p, k);
	return mark;
}

/* Appends `[i]`; returns the mark to go back to. */
static inline size_t hfield_path_index(hbuf *p, size_t i)
{
	size_t mark = p->len;
	hbuf_printf(p, "[%zu]", i);
	return mark;
}

/* Cuts the path back to a mark. */
static inline void hfield_path_pop(hbuf *p, size_t mark)
{
	p->len = mark;
	if (p->data)
		p->data[mark] = 0;
}

#endif
