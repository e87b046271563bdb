/* lint_print.c - printing a lint run: the text helm v3.17.3 prints (cmd/helm/lint.go: the
 * `==> Linting` header, `Error ...` for a chart that could not be checked, `[SEV] path: text`
 * lines, --quiet and --strict) plus htmpl's JSON, GitHub workflow-annotation, JUnit XML and TAP
 * outputs.
 * The summary line and exit status stay in lint.c. */
#include "lint/lint_print.h"

#include "data/json.h"
#include "lint/ci_escape.h"

#include <stdlib.h>
#include <string.h>

static const char *sev_name(int sev)
{
	return sev == HLINT_INFO ? "INFO" : sev == HLINT_WARNING ? "WARNING" : sev == HLINT_ERROR ? "ERROR" : "UNKNOWN";
}

bool hlint_has_warn_or_err(const hlint_chart *c)
{
	if (c->fatal)
		return true;
	for (size_t i = 0; i < c->n; i++)
		if (c->msgs[i].sev > HLINT_INFO)
			return true;
	return false;
}

static bool chart_failed(const hlint_chart *c, bool strict)
{
	if (c->fatal)
		return true;
	for (size_t i = 0; i < c->n; i++)
		if (c->msgs[i].sev >= (strict ? HLINT_WARNING : HLINT_ERROR))
			return true;
	return false;
}

/* cmd/helm/lint.go: the text helm prints; returns the number of failed charts. */
size_t hlint_print_text(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out)
{
	bool quiet = flags & HLINT_QUIET;
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		const hlint_chart *c = &cs[i];
		bool fail = chart_failed(c, flags & HLINT_STRICT);
		failed += fail;
		if (quiet && !hlint_has_warn_or_err(c))
			continue;
		hbuf_printf(out, "==> Linting %s\n", c->path);
		if (c->fatal)
			hbuf_printf(out, "Error %s\n", c->fatal);
		for (size_t k = 0; k < c->n; k++) {
			const hlint_msg *m = &c->msgs[k];
			if (quiet && m->sev <= HLINT_INFO)
				continue;
			hbuf_printf(out, "[%s] %s: %s", sev_name(m->sev), m->path, m->text);
			if (m->rule && m->fix)
				hbuf_printf(out, " (%s; fix: %s)", m->rule, m->fix);
			hbuf_putc(out, '\n');
		}
		hbuf_putc(out, '\n');
	}
	return failed;
}

static void json_str(hbuf *b, const char *s)
{
	hv v;
	hstr *hs = NULL;
	harena *a = harena_new();
	if (a && (hs = hstr_cstr(a, s ? s : ""))) {
		v = hv_of_str(hs);
		hjson_encode(b, &v, HJSON_RAW, NULL);
	} else {
		hbuf_puts(b, "\"\"");
	}
	harena_free(a);
}

size_t hlint_print_json(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out)
{
	size_t failed = 0;
	hbuf_puts(out, "{\"charts\":[");
	for (size_t i = 0; i < n; i++) {
		const hlint_chart *c = &cs[i];
		bool fail = chart_failed(c, flags & HLINT_STRICT);
		failed += fail;
		hbuf_puts(out, i ? ",{\"path\":" : "{\"path\":");
		json_str(out, c->path);
		hbuf_printf(out, ",\"failed\":%s", fail ? "true" : "false");
		if (c->fatal) {
			hbuf_puts(out, ",\"error\":");
			json_str(out, c->fatal);
		}
		hbuf_puts(out, ",\"messages\":[");
		for (size_t k = 0; k < c->n; k++) {
			const hlint_msg *m = &c->msgs[k];
			hbuf_printf(out, "%s{\"severity\":\"%s\",\"path\":", k ? "," : "", sev_name(m->sev));
			json_str(out, m->path);
			hbuf_puts(out, ",\"message\":");
			json_str(out, m->text);
			if (m->rule) {
				hbuf_puts(out, ",\"rule\":");
				json_str(out, m->rule);
			}
			if (m->fix) {
				hbuf_puts(out, ",\"fix\":");
				json_str(out, m->fix);
			}
			if (m->line)
				hbuf_printf(out, ",\"line\":%d", m->line);
			hbuf_putc(out, '}');
		}
		hbuf_puts(out, "]}");
	}
	hbuf_printf(out, "],\"linted\":%zu,\"failed\":%zu}\n", n, failed);
	return failed;
}

/* The template file and line that helm's engine names inside a message (`parse error at
 * (web/templates/a.yaml:3): ...`, `execution error at (web/templates/a.yaml:2:5): ...`,
 * `template: web/templates/a.yaml:1:10: executing ...`), for findings that carry only the
 * folder (`templates/`): the annotation then lands on the line. *rest is the path after the
 * chart's own name (`templates/a.yaml`, `charts/db/templates/b.yaml`). */
static bool message_position(const char *text, const char **rest, size_t *rlen, int *line)
{
	static const char *const marks[] = {"parse error at (", "execution error at (", "template: "};
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++) {
		const char *p = strstr(text, marks[i]);
		if (!p)
			continue;
		p += strlen(marks[i]);
		const char *colon = p + strcspn(p, ":)\n");
		const char *slash = memchr(p, '/', (size_t)(colon - p));
		if (*colon != ':' || !slash || colon[1] < '1' || colon[1] > '9')
			continue;
		*rest = slash + 1;
		*rlen = (size_t)(colon - slash - 1);
		*line = atoi(colon + 1);
		return true;
	}
	return false;
}

size_t hlint_print_github(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out)
{
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		const hlint_chart *c = &cs[i];
		failed += chart_failed(c, flags & HLINT_STRICT);
		if (c->fatal) {
			hbuf_printf(out, "::error file=%s/Chart.yaml::", c->path);
			hci_github(out, c->fatal, false);
			hbuf_putc(out, '\n');
		}
		for (size_t k = 0; k < c->n; k++) {
			const hlint_msg *m = &c->msgs[k];
			const char *cmd = m->sev == HLINT_ERROR ? "error" : m->sev == HLINT_WARNING ? "warning" : "notice";
			hbuf_printf(out, "::%s file=", cmd);
			const char *rest;
			size_t rlen;
			int line = m->line;
			if (!line && message_position(m->text, &rest, &rlen, &line)) {
				char *tail = strndup(rest, rlen);
				hci_github(out, c->path, true);
				hbuf_putc(out, '/');
				hci_github(out, tail ? tail : "", true);
				free(tail);
			} else if (m->path[0] == '/' || !*m->path) {
				hci_github(out, *m->path ? m->path : c->path, true);
			} else {
				hci_github(out, c->path, true);
				hbuf_putc(out, '/');
				hci_github(out, m->path, true);
			}
			if (line)
				hbuf_printf(out, ",line=%d", line);
			hbuf_puts(out, ",title=");
			hci_github(out, m->rule ? m->rule : "helm lint", true);
			hbuf_puts(out, "::");
			hci_github(out, m->text, false);
			if (m->fix) {
				hbuf_puts(out, " (fix: ");
				hci_github(out, m->fix, false);
				hbuf_putc(out, ')');
			}
			hbuf_putc(out, '\n');
		}
	}
	return failed;
}

/* A message's severity fails its chart (errors; warnings too under --strict). */
static bool msg_fails(const hlint_msg *m, unsigned flags)
{
	return m->sev >= (flags & HLINT_STRICT ? HLINT_WARNING : HLINT_ERROR);
}

/* `[SEV] path: text (rule; fix: ...)`, the text output's line. */
static void msg_line(hbuf *b, const hlint_msg *m)
{
	hbuf_printf(b, "[%s] %s: %s", sev_name(m->sev), m->path, m->text);
	if (m->rule && m->fix)
		hbuf_printf(b, " (%s; fix: %s)", m->rule, m->fix);
}

/* JUnit XML: a testsuite per chart, a testcase per message (a failure when it fails the
 * chart; a passing case with the text as system-out otherwise), and one passing `lint` case
 * for a chart without messages; a chart that could not be loaded has an error case. */
size_t hlint_print_junit(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out)
{
	size_t failed = 0, tests = 0, failures = 0;
	bool oom = false;
	hbuf body = HBUF_INIT, line = HBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		const hlint_chart *c = &cs[i];
		failed += chart_failed(c, flags & HLINT_STRICT);
		size_t ct = c->n ? c->n : 1, cf = 0;
		for (size_t k = 0; k < c->n; k++)
			cf += msg_fails(&c->msgs[k], flags);
		cf += c->fatal != NULL;
		ct += c->fatal != NULL && c->n;
		tests += ct, failures += cf;
		hbuf_puts(&body, "  <testsuite name=\"");
		hci_xml(&body, c->path);
		hbuf_printf(&body, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", ct, cf);
		if (c->fatal) {
			hbuf_puts(&body, "    <testcase name=\"load\" classname=\"");
			hci_xml(&body, c->path);
			hbuf_puts(&body, "\">\n      <failure message=\"");
			hci_xml(&body, c->fatal);
			hbuf_puts(&body, "\" type=\"ERROR\"></failure>\n    </testcase>\n");
		} else if (!c->n) {
			hbuf_puts(&body, "    <testcase name=\"lint\" classname=\"");
			hci_xml(&body, c->path);
			hbuf_puts(&body, "\"></testcase>\n");
		}
		for (size_t k = 0; k < c->n; k++) {
			const hlint_msg *m = &c->msgs[k];
			hbuf_reset(&line);
			msg_line(&line, m);
			oom |= !hbuf_ok(&line);
			hbuf_puts(&body, "    <testcase name=\"");
			hci_xml(&body, m->path);
			if (m->line)
				hbuf_printf(&body, ":%d", m->line);
			hbuf_puts(&body, "\" classname=\"");
			hci_xml(&body, c->path);
			hbuf_puts(&body, "\">\n");
			if (msg_fails(m, flags)) {
				hbuf_puts(&body, "      <failure message=\"");
				hci_xml(&body, m->text);
				hbuf_printf(&body, "\" type=\"%s\">", sev_name(m->sev));
				hci_xml(&body, hbuf_cstr(&line));
				hbuf_puts(&body, "</failure>\n");
			} else {
				hbuf_puts(&body, "      <system-out>");
				hci_xml(&body, hbuf_cstr(&line));
				hbuf_puts(&body, "</system-out>\n");
			}
			hbuf_puts(&body, "    </testcase>\n");
		}
		hbuf_puts(&body, "  </testsuite>\n");
	}
	hbuf_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	            "<testsuites name=\"htmpl lint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\">\n", tests, failures);
	hbuf_put(out, body.data ? body.data : "", body.len);
	hbuf_puts(out, "</testsuites>\n");
	if (oom || !hbuf_ok(&body))
		out->oom = true;
	hbuf_free(&body);
	hbuf_free(&line);
	return failed;
}

/* Each line of text as a TAP diagnostic (`  # line`). */
static void diagnostic(hbuf *out, const char *text)
{
	for (const char *p = text;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		hbuf_puts(out, "  # ");
		hbuf_put(out, p, len);
		hbuf_putc(out, '\n');
		if (!nl)
			break;
		p = nl + 1;
	}
}

/* TAP version 13: a test per chart, its messages as `# ` diagnostics, and a summary. */
size_t hlint_print_tap(const hlint_chart *cs, size_t n, unsigned flags, hbuf *out)
{
	size_t failed = 0;
	bool oom = false;
	hbuf line = HBUF_INIT;
	hbuf_printf(out, "TAP version 13\n1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		const hlint_chart *c = &cs[i];
		bool fail = chart_failed(c, flags & HLINT_STRICT);
		failed += fail;
		hbuf_printf(out, "%s %zu - %s\n", fail ? "not ok" : "ok", i + 1, c->path);
		if (c->fatal) {
			hbuf_reset(&line);
			hbuf_printf(&line, "Error %s", c->fatal);
			oom |= !hbuf_ok(&line);
			diagnostic(out, hbuf_cstr(&line));
		}
		for (size_t k = 0; k < c->n; k++) {
			const hlint_msg *m = &c->msgs[k];
			if ((flags & HLINT_QUIET) && m->sev <= HLINT_INFO)
				continue;
			hbuf_reset(&line);
			msg_line(&line, m);
			oom |= !hbuf_ok(&line);
			diagnostic(out, hbuf_cstr(&line));
		}
	}
	hbuf_free(&line);
	if (oom)
		out->oom = true;
	hbuf_printf(out, "# linted: %zu, failed: %zu\n", n, failed);
	return failed;
}
