/* slog.c - helm 4 logs through log/slog: Go's text handler without the time attribute (helm
 * 4.1.4 pkg/cli/logging), so a warning reads `level=WARN msg="this chart is deprecated"`
 * (charts/chart-deprecated-warning), and log.Printf calls that helm 4 kept (coalesce.go's
 * warnings) come out as `level=INFO msg="warning: skipped value ..."`
 * (values/user-map-over-default-scalar-warns). Helm 3.17 prints `file.go:LINE: text` lines
 * instead; callers choose by htmpl_env_get_helm_version. The quoting rule is slog's
 * needsQuoting; the quoted form is strconv.Quote. */
#include "helm/slog.h"
#include "core/strconv.h"
#include "core/utf8.h"

#include <stdarg.h>
#include <string.h>

/* needsQuoting: empty, or a space, '=', '"' or a byte outside JSON's safe set; beyond ASCII,
 * invalid UTF-8, a space or an unprintable rune. */
static bool needs_quoting(const char *s, size_t n)
{
	if (!n)
		return true;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80) {
			if (c == ' ' || c == '=' || c == '"' || c < 0x20)
				return true;
			i++;
			continue;
		}
		int32_t r;
		size_t k = hutf8_decode(s + i, n - i, &r);
		if (r == HUTF8_ERROR || hutf8_is_space(r) || !hutf8_is_print(r))
			return true;
		i += k;
	}
	return false;
}

void hslog_value(hbuf *b, const char *s, size_t n)
{
	if (needs_quoting(s, n))
		hstrconv_quote(b, s, n, false);
	else
		hbuf_put(b, s, n);
}

void hslog_line(hbuf *b, const char *level, const char *msg, ...)
{
	if (!b)
		return;
	hbuf_puts(b, "level=");
	hbuf_puts(b, level);
	hbuf_puts(b, " msg=");
	hslog_value(b, msg, strlen(msg));
	va_list ap;
	va_start(ap, msg);
	for (const char *k; (k = va_arg(ap, const char *));) {
		const char *v = va_arg(ap, const char *);
		hbuf_putc(b, ' ');
		hbuf_puts(b, k);
		hbuf_putc(b, '=');
		hslog_value(b, v ? v : "", v ? strlen(v) : 0);
	}
	va_end(ap);
	hbuf_putc(b, '\n');
}
