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

#include "error.h"
#include "value.h"

bool hyaml_load(harena *a, const char *text, size_t len, hv *out, herr *err);
/* Every document (for fromYamlArray-like needs and Helm 4 notes); out is a list. */
bool hyaml_load_all(harena *a, const char *text, size_t len, hv *out, herr *err);
bool hyaml_emit(hbuf *b, const hv *v, herr *err);
/* toYamlPretty: goyaml.v3 encoder, indent 2. */
bool hyaml_emit_pretty(hbuf *b, const hv *v, herr *err);

#endif
