/* buf.c - growable byte buffer (see buf.h). */
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void hbuf_free(hbuf *b)
{
	free(b->data);
	size_t limit = b->limit;
	memset(b, 0, sizeof *b);
	b->limit = limit;
}

void hbuf_reset(hbuf *b)
{
	b->len = 0;
	b->oom = b->over = b->deep = false;
	if (b->data)
		b->data[0] = 0;
}

bool hbuf_grow(hbuf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (extra > (size_t)-1 / 2 - b->len - 1)
		return b->oom = true, false;
	size_t need = b->len + extra + 1;
	if (b->limit && need > b->limit + 1) {
		b->oom = b->over = true;
		return false;
	}
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *d = realloc(b->data, cap);
	if (!d) {
		b->oom = true;
		return false;
	}
	b->data = d;
	b->cap = cap;
	return true;
}

void hbuf_put(hbuf *b, const void *p, size_t n)
{
	if (!n || !hbuf_grow(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = 0;
}

void hbuf_puts(hbuf *b, const char *s) { hbuf_put(b, s, strlen(s)); }

void hbuf_putc(hbuf *b, char c)
{
	if (!hbuf_grow(b, 1))
		return;
	b->data[b->len++] = c;
	b->data[b->len] = 0;
}

void hbuf_putn(hbuf *b, char c, size_t n)
{
	if (!n || !hbuf_grow(b, n))
		return;
	memset(b->data + b->len, c, n);
	b->len += n;
	b->data[b->len] = 0;
}

void hbuf_printf(hbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !hbuf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *hbuf_cstr(hbuf *b)
{
	if (!b->data)
		return "";
	b->data[b->len] = 0;
	return b->data;
}

char *hbuf_steal(hbuf *b, size_t *len)
{
	if (!b->data && !b->oom)
		hbuf_grow(b, 0);
	char *d = b->data;
	if (len)
		*len = b->len;
	if (d)
		d[b->len] = 0;
	b->data = NULL;
	b->len = b->cap = 0;
	return d;
}
