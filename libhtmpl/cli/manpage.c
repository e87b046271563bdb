/* cli/manpage.c - `htmpl __man`: the htmpl(1) manual page in roff, written from the flag
 * table of cli/flags.c so that --help, completion, docs/cli-flags.md and the page share one
 * source. meson builds it into htmpl.1 and `meson install` puts it in man1. */
#include "cli/flags.h"

#include <stdio.h>
#include <string.h>

int hcli_manpage(void);

/* roff: a leading dot or quote would be a request, backslash and hyphen need escapes. */
static void roff(const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else if (*s == '-')
			fputs("\\-", stdout);
		else
			putchar(*s);
	}
}

static void section(const char *title, unsigned cmd, bool global)
{
	printf(".SH %s\n", title);
	for (const hflags_def *f = hflags_table; f->name; f++) {
		if (!(f->where & (global ? HC_GLOBAL : cmd)) || (!global && (f->where & HC_GLOBAL)))
			continue;
		printf(".TP\n");
		if (f->shorthand)
			printf("\\fB\\-%c\\fR, ", f->shorthand);
		printf("\\fB\\-\\-");
		roff(f->name);
		printf("\\fR%s\n", f->type == HF_BOOL	    ? ""
				   : f->type == HF_OPTIONAL ? "[=\\fIVALUE\\fR]"
							    : " \\fIVALUE\\fR");
		static const char *const eff[] = {"", "(no effect in htmpl) ",
						  "(refused by htmpl) ", "(htmpl) "};
		fputs(eff[f->effect], stdout);
		roff(f->doc);
		putchar('\n');
	}
}

int hcli_manpage(void)
{
	fputs(
	    ".TH HTMPL 1 \"\" \"htmpl\" \"User Commands\"\n"
	    ".SH NAME\nhtmpl \\- render and lint Helm charts byte for byte as helm does\n"
	    ".SH SYNOPSIS\n"
	    "\\fBhtmpl template\\fR [\\fINAME\\fR] \\fICHART\\fR [\\fIflags\\fR]\n.br\n"
	    "\\fBhtmpl render\\fR \\fICHART\\fR [\\fIflags\\fR]\n.br\n"
	    "\\fBhtmpl lint\\fR [\\fIPATH\\fR...] [\\fIflags\\fR]\n.br\n"
	    "\\fBhtmpl values\\fR \\fICHART\\fR [\\fIflags\\fR]\n.br\n"
	    "\\fBhtmpl completion\\fR \\fBbash\\fR|\\fBzsh\\fR|\\fBfish\\fR\n.br\n"
	    "\\fBhtmpl version\\fR\n"
	    ".SH DESCRIPTION\n"
	    "\\fBhtmpl template\\fR prints what \\fBhelm template\\fR prints, and \\fBhtmpl "
	    "lint\\fR "
	    "what \\fBhelm lint\\fR prints, on stdout and stderr with the same exit status, "
	    "without "
	    "a cluster or a network. Every flag of helm 3.17 and 4.1 is accepted; flags that only "
	    "matter to a cluster have no effect, as in helm template; flags that need a network "
	    "are refused with an error naming the flag. \\fBhtmpl values\\fR prints the coalesced "
	    "values (\\-\\-show\\-origin: where each leaf came from); the value reports "
	    "(\\-\\-report\\-unused, \\-\\-unused\\-values, \\-\\-missing\\-keys, the float "
	    "check of lint) are described in the README.\n",
	    stdout);
	section("TEMPLATE FLAGS", HC_TEMPLATE | HC_RENDER, false);
	section("LINT FLAGS", HC_LINT, false);
	section("GLOBAL FLAGS", 0, true);
	fputs(".SH EXIT STATUS\n0 on success, 1 on any error (as helm).\n"
	      ".SH ENVIRONMENT\n\\fBHTMPL_MAX_*\\fR set the render limits (see \\fBhtmpl template "
	      "\\-\\-help\\fR).\n"
	      ".SH SEE ALSO\n\\fBhelm\\fR(1); docs/cli-flags.md in the htmpl sources.\n",
	      stdout);
	return 0;
}
