/* path.c - Go's path.Clean (path.h). */
#include "core/path.h"

void hpath_clean(hbuf *b, const char *p, size_t n)
{
	if (n == 0) {
		hbuf_putc(b, '.');
		return;
	}
	bool rooted = p[0] == '/';
	size_t start = b->len, r = 0, dotdot = rooted ? 1 : 0;
	if (rooted) {
		hbuf_putc(b, '/');
		r = 1;
	}
	while (r < n) {
		if (p[r] == '/') {
			r++;
		} else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
			r++;
		} else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			size_t w = b->len - start;
			if (w > dotdot) {
				/* backtrack to the previous slash */
				w--;
				while (w > dotdot && b->data[start + w] != '/')
					w--;
				b->len = start + w;
			} else if (!rooted) {
				if (w > 0)
					hbuf_putc(b, '/');
				hbuf_put(b, "..", 2);
				dotdot = b->len - start;
			}
		} else {
			if ((rooted && b->len - start != 1) || (!rooted && b->len - start != 0))
				hbuf_putc(b, '/');
			for (; r < n && p[r] != '/'; r++)
				hbuf_putc(b, p[r]);
		}
	}
	if (b->len == start)
		hbuf_putc(b, '.');
}

