/* fmt.h - Go's fmt package over htmpl values: Sprint, Sprintln, Sprintf and the %v printing
 * of every value type (maps with sorted keys, lists, nil as <nil>, float64 shortest form,
 * objects through their class). */
#ifndef HTMPL_FMT_H
#define HTMPL_FMT_H

#include "value/value.h"

/* The error for a buffer whose deep flag is set: printing stopped at nesting depth 1000,
 * where Go's fmt recurses until the goroutine's stack overflows (a map that holds itself). */
#define HFMT_TOO_DEEP "value nests more than 1000 levels deep (a map or list that contains itself?)"

/* fmt.Fprint(b, v) for a single operand. */
void hfmt_value(hbuf *b, const hv *v);
/* fmt.Sprint / Sprintln / Sprintf semantics. */
void hfmt_sprint(hbuf *b, size_t argc, const hv *argv);
void hfmt_sprintln(hbuf *b, size_t argc, const hv *argv);
void hfmt_sprintf(hbuf *b, const char *format, size_t flen, size_t argc, const hv *argv);

#endif
