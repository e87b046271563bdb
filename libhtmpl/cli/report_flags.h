/* cli/report_flags.h - the value-report flags shared by render, lint and values
 * (cli/report_flags.c): which reports, their format, --fail-on, and printing them. */
#ifndef HTMPL_CLI_REPORT_FLAGS_H
#define HTMPL_CLI_REPORT_FLAGS_H

#include <htmpl.h>

#include <stdio.h>

typedef struct hcli_reports {
	unsigned what;     /* htmpl_report_flag */
	unsigned no_float; /* lint: --no-float-check */
	htmpl_report_format format;
	unsigned fail_on;  /* bits 1 << htmpl_finding_kind */
} hcli_reports;

/* Applies flag id (cli/flags.h F_*) with value v; 0, or an exit status after printing the
 * error. Returns -1 when id is not a report flag. */
int hcli_reports_apply(hcli_reports *r, int id, const char *v);
/* Prints the report's findings of the kinds in mask (bits 1 << kind) to f, text lines
 * prefixed "htmpl: "; returns 1 when --fail-on matches a finding, else 0. */
int hcli_reports_print(const hcli_reports *r, const htmpl_report *rep, unsigned mask, FILE *f);
/* 1 when a finding's kind is in --fail-on. */
int hcli_reports_failed(const hcli_reports *r, const htmpl_report *rep);

#endif
