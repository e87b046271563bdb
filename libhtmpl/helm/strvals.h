/* strvals.h - the --set family parser (Helm's pkg/strvals: parser.go, literal_parser.go).
 *
 * One call parses one flag argument (`a.b=1,c[0]=x`) and merges it into dest, as Helm's
 * ParseInto, ParseIntoString, ParseJSON, ParseIntoFile and ParseLiteralInto do. Values are
 * allocated in the arena. The error message is the one Helm wraps (`key "a" has no value`);
 * the caller adds Helm's prefix (`failed parsing --set data: `). */
#ifndef HTMPL_STRVALS_H
#define HTMPL_STRVALS_H

#include "core/error.h"
#include "value/value.h"

/* Turns the value text of --set-file (a path, raw bytes of n) into a value: the file content
 * as a string. On failure it sets err (Go's text, e.g. `open x: no such file or directory`). */
typedef bool (*hstrvals_reader)(void *ud, harena *a, const char *s, size_t n, hv *out, herr *err);

/* Parses s (n bytes) of the given kind into dest. reader is used for HTMPL_SET_FILE only.
 * On failure err holds Helm's inner message with code HTMPL_ERR_SET (or the reader's error),
 * and dest may be partly changed, as in Helm. */
/* The same as helm 4.1.4 (helm4): an error wrapping io.EOF ends the parse without error. */
bool hstrvals_parse_v(harena *a, htmpl_set_kind kind, const char *s, size_t n, hmap *dest,
                      hstrvals_reader reader, void *ud, bool helm4, herr *err);
bool hstrvals_parse(harena *a, htmpl_set_kind kind, const char *s, size_t n, hmap *dest,
		    hstrvals_reader reader, void *ud, herr *err);

/* Helm's limits (strvals.MaxIndex, MaxNestedNameLevel). */
enum { HSTRVALS_MAX_INDEX = 65536, HSTRVALS_MAX_NESTING = 30 };

#endif
