/* yaml_style.h - what both YAML emitters decide alike (yaml_style.c): key order, base-60
 * floats, double-quoted escapes. */
#ifndef HTMPL_YAML_STYLE_H
#define HTMPL_YAML_STYLE_H

#include "value/value.h"

/* The live entries of m in goyaml's keyList order (sorter.go): digit runs compare as
 * numbers, letters sort after other runes. v3 adds one twist: after an equal digit, a
 * letter sorts before a non-letter. Allocated in a; NULL on out of memory. */
hmap_entry **hyaml_sorted_keys(harena *a, hmap *m, bool v3, size_t *n);

/* ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ (encode.go isBase60Float) */
bool hyaml_is_base60_float(const char *s, size_t n);

/* goyaml's is_bom quirk: a double-quoted value that starts with U+FEFF has every rune
 * escaped. hyaml_quote_all writes that form, quotes included, and returns its length. */
bool hyaml_starts_with_bom(const char *s, size_t n);
size_t hyaml_quote_all(hbuf *b, const char *s, size_t n);
/* The double-quoted escape of one rune (\n, \x85 as \N, \xHH, \uHHHH, \UHHHHHHHH). */
void hyaml_escape_rune(hbuf *b, int32_t r);

#endif
