/* error.h - structured errors (htmpl_error) and the one place they are built.
 *
 * The first error wins: herr_set() on an error that already has a code does nothing, so an
 * error can travel up as a plain `false` return without being overwritten. Out of memory
 * never allocates: the message then points at a static string. */
#ifndef HTMPL_ERROR_H
#define HTMPL_ERROR_H

#include "htmpl.h"

#include <stdarg.h>
#include <stdbool.h>

typedef htmpl_error herr;

/* Sets code and message (printf-style; %s/%d/%zu only, no floats). Returns false, so
 * `return herr_set(err, ...);` reads naturally. err may be NULL. */
bool herr_set(herr *err, htmpl_errcode code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool herr_vset(herr *err, htmpl_errcode code, const char *fmt, va_list ap);
/* Sets a message of exactly n bytes (may hold any byte). */
bool herr_setn(herr *err, htmpl_errcode code, const char *msg, size_t n);
bool herr_nomem(herr *err);
/* Position of the error, for the CLI's caret display (Helm's text is in message already). */
void herr_where(herr *err, const char *file, int line, int col);
/* Moves src into dst (dst must be clear or is cleared first); src becomes clear. */
void herr_move(herr *dst, herr *src);
static inline bool herr_isset(const herr *e) { return e && e->code != HTMPL_OK; }

/* Go's text for an errno (syscall.Errno.Error(): lower case, "no such file or directory"). */
const char *herr_errno(int eno);

#endif
