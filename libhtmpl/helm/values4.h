/* values4.h - helm 4's multi-document values files (values4.c). */
#ifndef HTMPL_VALUES4_H
#define HTMPL_VALUES4_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/error.h"
#include "value/value.h"

/* loader.LoadValues (helm v4.1.4): every YAML document of text, merged. *out is the map, or
 * nil when the text holds no document with a map. Returns false either with err set (out of
 * memory, the YAML node limit) or, for an error helm reports, with err clear and helm's
 * message appended to msg (`cannot unmarshal yaml document: ...`, `error reading yaml
 * document: ...`); the caller prefixes `cannot load values.yaml: ` or `failed to parse F: `. */
bool hvalues4_load(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                   hbuf *msg, herr *err);

#endif
