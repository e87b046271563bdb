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
/* The same as BurntSushi/toml v1.6.0 (helm 4) when v16: floats in the shortest %g form
 * (`1e+06`), decode errors at the end of the input on their own line (v1.4.0 says the
 * line before), `hexadecimal` spelled right. */
bool htoml_encode_v(hbuf *b, const hv *v, bool v16, herr *err);
bool htoml_decode_v(harena *a, const char *text, size_t len, bool v16, hv *out, herr *err);

#endif
