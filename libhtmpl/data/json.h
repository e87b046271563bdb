/* json.h - encoding/json as Helm and Sprig use it: Marshal (sorted keys, HTML escaping of
 * < > & unless raw, Go's float format), MarshalIndent, and Unmarshal into interface{}
 * (numbers float64). */
#ifndef HTMPL_JSON_H
#define HTMPL_JSON_H

#include "core/error.h"
#include "value/value.h"

enum { HJSON_RAW = 1 /* no HTML escaping */, HJSON_PRETTY = 2 /* 2-space indent */ };
bool hjson_encode(hbuf *b, const hv *v, unsigned flags, herr *err);
/* On a syntax error *out is nil. A number beyond float64 fails as Go's UnmarshalTypeError
 * (`json: cannot unmarshal number 1e400 into Go value of type float64`) but, as in Go, *out
 * still holds the decoded value with nil in that number's place. */
bool hjson_decode(harena *a, const char *text, size_t len, hv *out, herr *err);
/* hjson_decode that also sets *at_end when a syntax error came at the end of the input,
 * where a json.Decoder says `unexpected EOF` (Unmarshal: `unexpected end of JSON input`,
 * or `invalid character ' ' in numeric literal` after a truncated token). */
bool hjson_decode_at_end(harena *a, const char *text, size_t len, hv *out, bool *at_end, herr *err);

/* The JSON kind encoding/json names in "cannot unmarshal KIND into Go value of type ..."
 * ("bool", "string", "array", "object", "number"), for values files and Chart.yaml. */
const char *hjson_kind(const hv *v);
/* The JSON Schema type name of v: "null", "boolean", "string", "array", "object" or "number"
 * (integers too: a caller that tells "integer" apart refines "number"). */
const char *hjson_schema_type(const hv *v);

#endif
