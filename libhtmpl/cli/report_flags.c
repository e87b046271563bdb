/* cli/report_flags.c - the value-report flags (cli/report_flags.h). Uses only htmpl.h. */
#include "cli/report_flags.h"

#include "cli/flags.h"

#include <stdlib.h>
#include <string.h>

int hcli_reports_apply(hcli_reports *r, int id, const char *v)
{
	bool b = !strcmp(v, "true");
	unsigned bit = 0;
	switch (id) {
	case F_REPORT_UNUSED: bit = HTMPL_REPORT_UNUSED; break;
	case F_INCLUDE_DEFAULTS: bit = HTMPL_REPORT_DEFAULTS; break;
	case F_MISSING_KEYS: bit = HTMPL_REPORT_MISSING; break;
	case F_REPORT_FLOATS: bit = HTMPL_REPORT_FLOAT; break;
	case F_NO_FLOAT_CHECK: r->no_float = b; return 0;
	case F_REPORT_FORMAT:
		if (!strcmp(v, "text"))
			r->format = HTMPL_REPORT_FORMAT_TEXT;
		else if (!strcmp(v, "json"))
			r->format = HTMPL_REPORT_FORMAT_JSON;
		else if (!strcmp(v, "github"))
			r->format = HTMPL_REPORT_FORMAT_GITHUB;
		else
			return hflags_fail("invalid report format \"%s\" (text, json or github)", v);
		return 0;
	case F_FAIL_ON: {
		char *copy = strdup(v);
		if (!copy)
			return hflags_fail("%s", "out of memory");
		r->fail_on = 0;
		int rc = 0;
		for (char *save = NULL, *p = strtok_r(copy, ",", &save); p && !rc;
		     p = strtok_r(NULL, ",", &save)) {
			if (!strcmp(p, "unused"))
				r->fail_on |= 1u << HTMPL_FINDING_UNUSED;
			else if (!strcmp(p, "missing"))
				r->fail_on |= 1u << HTMPL_FINDING_MISSING;
			else if (!strcmp(p, "float"))
				r->fail_on |= 1u << HTMPL_FINDING_FLOAT;
			else
				rc = hflags_fail("invalid --fail-on \"%s\" (unused, missing, float)", p);
		}
		free(copy);
		/* gating on a kind asks for its report */
		if (r->fail_on & (1u << HTMPL_FINDING_UNUSED))
			r->what |= HTMPL_REPORT_UNUSED;
		if (r->fail_on & (1u << HTMPL_FINDING_MISSING))
			r->what |= HTMPL_REPORT_MISSING;
		if (r->fail_on & (1u << HTMPL_FINDING_FLOAT))
			r->what |= HTMPL_REPORT_FLOAT;
		return rc;
	}
	default: return -1;
	}
	r->what = b ? r->what | bit : r->what & ~bit;
	return 0;
}

int hcli_reports_failed(const hcli_reports *r, const htmpl_report *rep)
{
	for (size_t i = 0; i < htmpl_report_count(rep); i++)
		if (r->fail_on & (1u << htmpl_report_get(rep, i)->kind))
			return 1;
	return 0;
}

/* The findings of the kinds in mask, as their own report text. */
int hcli_reports_print(const hcli_reports *r, const htmpl_report *rep, unsigned mask, FILE *f)
{
	size_t n = htmpl_report_count(rep), any = 0;
	for (size_t i = 0; i < n; i++)
		any += (mask & (1u << htmpl_report_get(rep, i)->kind)) != 0;
	if (!any && r->format != HTMPL_REPORT_FORMAT_JSON)
		return 0;
	/* one kind set at a time: format the whole report and keep the lines of mask's kinds */
	char *text = htmpl_report_format_text(rep, r->format, "htmpl: ");
	if (!text)
		return 0;
	if (r->format == HTMPL_REPORT_FORMAT_JSON || mask == ~0u) {
		fputs(text, f);
	} else {
		static const char *const names[] = {"", "unused", "missing", "float"};
		for (char *save = NULL, *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
			for (int k = 1; k <= 3; k++) {
				if (!(mask & (1u << k)))
					continue;
				char a[32], b[48];
				snprintf(a, sizeof a, "htmpl: %s: ", names[k]);
				snprintf(b, sizeof b, "title=htmpl %s::", names[k]);
				if (!strncmp(l, a, strlen(a)) || strstr(l, b)) {
					fputs(l, f);
					fputc('\n', f);
				}
			}
	}
	free(text);
	return 0;
}
