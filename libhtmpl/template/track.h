/* track.h - the read tracker (track.c): what the executor records, when asked, about the
 * values a render touched. Helm has no such thing (text/template does not say what a render
 * read); htmpl's unused-values, missing-keys and float reports are built on it
 * (helm/values_report.c).
 *
 * Identity is the container: a map entry counts as read when a template looked its key up in
 * that very map (field access, index, get, hasKey, dig, pluck), and a map or list counts as
 * read whole when a template consumed it as one value (printed it, ranged over it, passed it
 * to a function that reflects over it: toYaml, toJson, merge, pick, omit, keys ...). The
 * rules err on the side of "read": a function not known to pass its argument through reads
 * its maps and lists whole. The tracker never changes what a render prints. */
#ifndef HTMPL_TRACK_H
#define HTMPL_TRACK_H

#include "value/value.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct htrack htrack;

/* A key a template asked a map for and did not find. */
typedef struct htrack_missing {
	const hmap *map; /* the map it was looked up in */
	const char *key;
	const char *file; /* template file */
	int line, col;
	bool guarded; /* under if/with, or an argument of default, required, empty ... */
} htrack_missing;

/* A whole-number float64 of 1e6 or more, or a float that printed in exponent form. */
typedef struct htrack_float {
	const hmap *map; /* where the value sat (NULL when unknown) */
	const hstr *key;
	const char *file;
	int line, col;
	const char *text; /* what was printed */
	const char *via;  /* "print", "quote", "toYaml" ... */
} htrack_float;

/* malloc'ed; NULL on out of memory. */
htrack *htrack_new(void);
void htrack_free(htrack *t);
/* False once a recording ran out of memory (the report is then incomplete: an error). */
bool htrack_ok(const htrack *t);

void htrack_key(htrack *t, const hmap *m, const hstr *key);
/* Marks the map or list v holds (nothing for scalars). */
void htrack_whole(htrack *t, const hv *v);
bool htrack_key_read(const htrack *t, const hmap *m, const hstr *key);
bool htrack_whole_read(const htrack *t, const void *container);

/* Missing keys, one record per (site, map, key); site is the template node. True when that
 * triple was recorded before. */
bool htrack_missing_seen(htrack *t, const void *site, const hmap *m, const char *key, size_t n);
void htrack_add_missing(htrack *t, const hmap *m, const char *key, size_t n, const char *file,
                        int line, int col, bool guarded);
const htrack_missing *htrack_missing_list(const htrack *t, size_t *n);

/* Floats, one record per (site, text). */
bool htrack_float_seen(htrack *t, const void *site, const char *text);
void htrack_add_float(htrack *t, const hmap *m, const hstr *key, const char *file, int line,
                      int col, const char *text, const char *via);
const htrack_float *htrack_float_list(const htrack *t, size_t *n);

/* hnode_location's line and column of byte pos in text (len bytes), from a per-text index
 * of its newlines built once (the executor asks for many sites in the same files). */
void htrack_locate(htrack *t, const char *text, size_t len, size_t pos, int *line, int *col);

/* True when Go's %v text of f is a trap: a whole number of magnitude >= 1e6, or exponent
 * form. */
bool htrack_float_trap(double f, const char *text);

#endif
