/* toml.h - TOML as Helm's toToml/fromToml see it (BurntSushi/toml v1.4.0).
 *
 * htoml_encode writes toml.NewEncoder(w).Encode(v): for a map, plain keys first (sorted),
 * then tables `[a.b]` with two-space indentation per level and `[[x]]` for lists of maps;
 * floats always carry a decimal point (`1.0`); nil map values are skipped. Errors carry
 * BurntSushi's texts (`toml: top-level values must be Go maps or structs`).
 *
 * htoml_decode reads a TOML document into a map (integers int64, floats float64, tables
 * maps, arrays lists; date-times are kept as their text). Errors read `toml: line N: ...`. */
#ifndef HTMPL_TOML_H
#define HTMPL_TOML_H

#include "core/error.h"
#include "value/value.h"

bool htoml_encode(hbuf *b, const hv *v, herr *err);
bool htoml_decode(harena *a, const char *text, size_t len, hv *out, herr *err);

#endif
