/* strconv.h - Go's strconv where templates can see it: float formatting (FormatFloat with
 * 'e' 'E' 'f' 'g' 'G' 'b' 'x', shortest round-trip when prec < 0), integer/float literal
 * parsing with Go's syntax, and Quote. No libc printf is used for floats. */
#ifndef HTMPL_STRCONV_H
#define HTMPL_STRCONV_H

#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* strconv.AppendFloat(b, f, fmt, prec, 64). */
void hstrconv_format_float(hbuf *b, double f, char fmt, int prec);
/* strconv.AppendInt / AppendUint with a base 2..36. */
void hstrconv_format_int(hbuf *b, int64_t i, int base);
void hstrconv_format_uint(hbuf *b, uint64_t u, int base);
/* strconv.ParseInt(s, base, 64) incl. base 0 prefixes and '_' rules. 0 ok, else ERANGE/EINVAL. */
int hstrconv_parse_int(const char *s, size_t n, int base, int64_t *out);
int hstrconv_parse_uint(const char *s, size_t n, int base, uint64_t *out);
/* strconv.ParseFloat(s, 64): decimal, hex floats, inf/nan, '_' when base-prefixed rules allow. */
int hstrconv_parse_float(const char *s, size_t n, double *out);
/* strconv.Quote / QuoteToASCII / QuoteRune semantics (unicode.IsPrint via utf8proc). */
void hstrconv_quote(hbuf *b, const char *s, size_t n, bool ascii_only);
void hstrconv_quote_rune(hbuf *b, int32_t r, bool ascii_only);
/* strconv.UnquoteChar(s, quote): decodes the first character or escape of s[0..n) into
 * *rune; *multibyte is false for single bytes (\xNN, \NNN, ASCII), which the caller must
 * append as one byte. Returns the bytes consumed, 0 on a syntax error (Go's "invalid syntax"). */
size_t hstrconv_unquote_char(const char *s, size_t n, char quote, int32_t *rune, bool *multibyte);
/* strconv.Unquote for "..." `...` '...' literals; false when malformed. */
bool hstrconv_unquote(const char *s, size_t n, hbuf *out);

#endif
