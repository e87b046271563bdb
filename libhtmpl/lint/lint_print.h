/* lint_print.h - the three lint outputs (lint_print.c). */
#ifndef HTMPL_LINT_PRINT_H
#define HTMPL_LINT_PRINT_H

#include "lint/lint_report.h"

/* lint_print.c: the three outputs; each returns the number of failed charts (--strict
 * counts warnings). */
size_t hlint_print_text(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
size_t hlint_print_json(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
size_t hlint_print_github(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
size_t hlint_print_junit(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
size_t hlint_print_tap(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out);
/* A chart with a fatal error, a warning or an error (what --quiet still prints). */
bool hlint_has_warn_or_err(const hlint_chart *c);

#endif
