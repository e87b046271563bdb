/* ci_escape.h - the escapes of the CI report formats that lint (lint_print.c) and stream
 * validation (validate_stream.c) both write: XML text and attributes for JUnit, and GitHub
 * workflow commands. Header-only, so neither file links the other. */
#ifndef HTMPL_CI_ESCAPE_H
#define HTMPL_CI_ESCAPE_H

#include "core/buf.h"

#include <stdbool.h>

/* XML character data or an attribute value: & < > " escaped; the C0 controls XML 1.0 does
 * not allow (all but tab, LF and CR) become U+FFFD, so the report always parses. */
static inline void hci_xml(hbuf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			hbuf_puts(b, "&amp;");
		else if (c == '<')
			hbuf_puts(b, "&lt;");
		else if (c == '>')
			hbuf_puts(b, "&gt;");
		else if (c == '"')
			hbuf_puts(b, "&quot;");
		else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
			hbuf_puts(b, "\xEF\xBF\xBD");
		else
			hbuf_putc(b, (char)c);
	}
}

/* GitHub workflow commands escape %, CR and LF in the message, and also , and : in a
 * property value (file=, title=). */
static inline void hci_github(hbuf *b, const char *s, bool property)
{
	for (; *s; s++) {
		if (*s == '%')
			hbuf_puts(b, "%25");
		else if (*s == '\r')
			hbuf_puts(b, "%0D");
		else if (*s == '\n')
			hbuf_puts(b, "%0A");
		else if (property && *s == ':')
			hbuf_puts(b, "%3A");
		else if (property && *s == ',')
			hbuf_puts(b, "%2C");
		else
			hbuf_putc(b, *s);
	}
}

#endif
