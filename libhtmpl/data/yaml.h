/* yaml.h - YAML in and out as Helm does it.
 *
 * hyaml_load reproduces sigs.k8s.io/yaml.Unmarshal into interface{}: goyaml.v2 (YAML 1.1:
 * yes/no/on/off/y/n booleans, also as keys; 0x/0o/octal ints) converted through JSON, so every
 * number is float64, maps are map[string]interface {} and keys are strings. Only the first
 * document is read. .inf/.nan fail as JSON does. Errors read as Helm's
 * (`error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context`).
 *
 * hyaml_emit reproduces Helm's toYaml: json.Marshal, then goyaml.v2 of the JSON: byte-sorted
 * keys, unindented sequences, goyaml.v2 quoting, literal blocks, folding at 80 columns. The
 * output ends with a newline (toYaml trims it). */
#ifndef HTMPL_YAML_H
#define HTMPL_YAML_H

#include "core/error.h"
#include "value/value.h"

bool hyaml_load(harena *a, const char *text, size_t len, hv *out, herr *err);
/* Every document (for fromYamlArray-like needs and Helm 4 notes); out is a list. */
bool hyaml_load_all(harena *a, const char *text, size_t len, hv *out, herr *err);
bool hyaml_emit(hbuf *b, const hv *v, herr *err);

/* Added by the data module. The _limit forms bound the nodes decoded from one document
 * (aliases included; pass env->limits[HTMPL_LIMIT_YAML_NODES], 0 = unlimited); exceeding it
 * is HTMPL_ERR_LIMIT. hyaml_load/hyaml_load_all use HYAML_DEFAULT_MAX_NODES. */
#define HYAML_DEFAULT_MAX_NODES 10000000u
bool hyaml_load_limit(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                      herr *err);
bool hyaml_load_all_limit(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                          herr *err);
/* sigs.k8s.io/yaml.UnmarshalStrict's YAML step (goyaml.v2 UnmarshalStrict): the same value,
 * but a key repeated in its map fails with `error converting YAML to JSON: yaml: unmarshal
 * errors:\n  line 3: key "name" already set in map` (every repeat, one line each; keys
 * compare by Go type and value, so 1 and "1" differ). */
bool hyaml_load_strict(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                       herr *err);
/* yaml.Unmarshal into a Go map type (go_type: "map[string]interface {}", "chartutil.Values"):
 * *out is always a map (empty for an empty/null document); a non-map document fails with
 * `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value
 * of type map[string]interface {}` and leaves *out an empty map (fromYaml's behaviour). */
bool hyaml_load_map(harena *a, const char *text, size_t len, uint64_t max_nodes,
                    const char *go_type, hv *out, herr *err);
/* What goyaml.v2's resolver makes of an untagged plain scalar (YAML 1.1). */
typedef enum hyaml_kind { HYAML_STR, HYAML_INT, HYAML_FLOAT, HYAML_BOOL, HYAML_NULL, HYAML_TIMESTAMP } hyaml_kind;
hyaml_kind hyaml_resolve_plain(const char *s, size_t n);
/* The same into []interface {} (fromYamlArray). */
bool hyaml_load_list(harena *a, const char *text, size_t len, uint64_t max_nodes, hv *out,
                     herr *err);
/* toYamlPretty: goyaml.v3 encoder, indent 2. */
bool hyaml_emit_pretty(hbuf *b, const hv *v, herr *err);

#endif
