/* yaml_lines.h - where each map key of a YAML document sits (yaml_lines.c), for htmpl's value
 * reports (`values --show-origin`, unused values): key paths to 1-based line numbers. */
#ifndef HTMPL_YAML_LINES_H
#define HTMPL_YAML_LINES_H

#include "core/error.h"
#include "value/value.h"

/* The separator of path segments in the keys of hyaml_lines' map. */
#define HYAML_PATH_SEP '\x1f'

/* Reads the first document of text and fills *out with a map from each key path (segments
 * joined by HYAML_PATH_SEP; keys inside sequences are not listed) to its line as an HT_INT.
 * Best effort: a document libyaml cannot parse gives the lines read so far. False only on
 * out of memory. */
bool hyaml_lines(harena *a, const char *text, size_t len, hmap **out);

#endif
