/* strconv.c - STUB until Go strconv lands. */
#include "strconv.h"

void hstrconv_format_float(hbuf *b, double f, char fmt, int prec) { hbuf_printf(b, "%d", (int)f); (void)fmt, (void)prec; }
void hstrconv_format_int(hbuf *b, int64_t i, int base) { hbuf_printf(b, "%lld", (long long)i); (void)base; }
void hstrconv_format_uint(hbuf *b, uint64_t u, int base) { hbuf_printf(b, "%llu", (unsigned long long)u); (void)base; }
int hstrconv_parse_int(const char *s, size_t n, int base, int64_t *out) { (void)s, (void)n, (void)base; *out = 0; return 22; }
int hstrconv_parse_uint(const char *s, size_t n, int base, uint64_t *out) { (void)s, (void)n, (void)base; *out = 0; return 22; }
int hstrconv_parse_float(const char *s, size_t n, double *out) { (void)s, (void)n; *out = 0; return 22; }
void hstrconv_quote(hbuf *b, const char *s, size_t n, bool ascii_only) { hbuf_putc(b, '"'); hbuf_put(b, s, n); hbuf_putc(b, '"'); (void)ascii_only; }
void hstrconv_quote_rune(hbuf *b, int32_t r, bool ascii_only) { hbuf_printf(b, "'%c'", (char)r); (void)ascii_only; }
bool hstrconv_unquote(const char *s, size_t n, hbuf *out) { (void)s, (void)n, (void)out; return false; }
