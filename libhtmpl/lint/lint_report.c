/* lint_report.c - the messages a lint run collects (pkg/lint/support/message.go) and the
 * helpers every lint file shares: Go's %q, paths in the run's arena, Chart.yaml fields as
 * chart.Metadata holds them. */
#include "lint/lint_report.h"
#include "value/fmt.h"

#include <stdio.h>
#include <string.h>

bool hlint_add(hlint *L, hlint_chart *c, int sev, const char *path, const char *text)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		hlint_msg *m = harena_realloc(L->a, c->msgs, c->cap * sizeof *m, cap * sizeof *m);
		if (!m)
			return false;
		c->msgs = m, c->cap = cap;
	}
	hlint_msg *m = &c->msgs[c->n];
	memset(m, 0, sizeof *m);
	m->sev = sev;
	m->path = harena_strdup(L->a, path);
	m->text = harena_strdup(L->a, text);
	if (!m->path || !m->text)
		return false;
	c->n++;
	return true;
}

/* Go's strconv.Quote for valid UTF-8 text (what %q prints for a string). */
void hlint_quote(hbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	hbuf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		switch (ch) {
		case '"': hbuf_puts(b, "\\\""); break;
		case '\\': hbuf_puts(b, "\\\\"); break;
		case '\n': hbuf_puts(b, "\\n"); break;
		case '\t': hbuf_puts(b, "\\t"); break;
		case '\r': hbuf_puts(b, "\\r"); break;
		case '\a': hbuf_puts(b, "\\a"); break;
		case '\b': hbuf_puts(b, "\\b"); break;
		case '\f': hbuf_puts(b, "\\f"); break;
		case '\v': hbuf_puts(b, "\\v"); break;
		default:
			if (ch < 0x20 || ch == 0x7f) {
				hbuf_puts(b, "\\x");
				hbuf_putc(b, hex[ch >> 4]);
				hbuf_putc(b, hex[ch & 15]);
			} else {
				hbuf_putc(b, (char)ch);
			}
		}
	}
	hbuf_putc(b, '"');
}

const char *hlint_join_path(hlint *L, const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = harena_alloc(L->a, n);
	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p ? p : name;
}

/* A Chart.yaml field as chart.Metadata holds it: sigs.k8s.io/yaml turns scalars into strings
 * for string fields. */
const char *hlint_md_str(hlint *L, const hv *md, const char *key)
{
	hv *v = hv_is_map(md) ? hmap_gets(md->m, key) : NULL;
	if (!v || hv_is_nil(v))
		return "";
	if (v->type == HT_STRING)
		return v->s->data;
	if (v->type == HT_BOOL)
		return v->b ? "true" : "false";
	hbuf b = HBUF_INIT;
	hfmt_value(&b, v);
	const char *s = hbuf_ok(&b) ? harena_strdup(L->a, hbuf_cstr(&b)) : "";
	hbuf_free(&b);
	return s ? s : "";
}
