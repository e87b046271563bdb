/* slog.h - helm 4's log lines on stderr (slog.c). */
#ifndef HTMPL_SLOG_H
#define HTMPL_SLOG_H

#include "core/buf.h"

/* One line of log/slog's TextHandler as helm 4.1.4's CLI sets it up (no time attribute):
 * `level=LEVEL msg=MSG KEY=VALUE...\n`, where MSG and each VALUE are written as they are, or
 * as a Go quoted string when they are empty or hold a space, '=', '"' or a control
 * character. The variadic part is KEY, VALUE pairs of NUL-terminated strings, ended by NULL. */
void hslog_line(hbuf *b, const char *level, const char *msg, ...) __attribute__((sentinel));

/* The value rule on its own: s (n bytes) appended plain or quoted. */
void hslog_value(hbuf *b, const char *s, size_t n);

#endif
