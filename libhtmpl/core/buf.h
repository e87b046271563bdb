/* buf.h - growable byte buffer on malloc, with a sticky out-of-memory flag.
 *
 * Writers never check each append: they check hbuf_ok() once at the end. The data is
 * always NUL-terminated when len > 0 or after hbuf_cstr(). */
#ifndef HTMPL_BUF_H
#define HTMPL_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hbuf {
	char *data;
	size_t len, cap;
	size_t limit; /* 0 = unlimited; exceeding it sets oom (and 'over') */
	bool oom, over;
	bool deep; /* set with oom: a value printed into it nests too deeply (value/fmt.c) */
} hbuf;

#define HBUF_INIT {0}

void hbuf_free(hbuf *b); /* frees data, resets to empty */
void hbuf_reset(hbuf *b); /* len = 0, keeps memory and flags cleared */
bool hbuf_grow(hbuf *b, size_t extra);
void hbuf_put(hbuf *b, const void *p, size_t n);
void hbuf_puts(hbuf *b, const char *s);
void hbuf_putc(hbuf *b, char c);
void hbuf_putn(hbuf *b, char c, size_t n); /* n copies of c */
/* printf for integers and strings only: never use it for floats (see strconv.h). */
void hbuf_printf(hbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *hbuf_cstr(hbuf *b); /* NUL-terminated view ("" when empty) */
char *hbuf_steal(hbuf *b, size_t *len); /* caller frees; buffer reset */
static inline bool hbuf_ok(const hbuf *b) { return !b->oom; }

#endif
