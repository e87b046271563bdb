/* cli/completion.c - `htmpl completion bash|zsh|fish`: shell scripts that complete htmpl's
 * commands and the flags of cli/flags.c's table (cobra's `helm completion` gives the same
 * commands; these scripts are static, built from the table, and need no `__complete` round
 * trip). A value flag completes file names. */
#include "cli/flags.h"

#include <stdio.h>
#include <string.h>

int hcli_completion(int argc, char **argv);

static const char commands[] = "completion help lint render template values version";

static void words(FILE *f, unsigned cmd, bool values)
{
	for (const hflags_def *d = hflags_table; d->name; d++) {
		if (!(d->where & (cmd | HC_GLOBAL)))
			continue;
		bool takes = d->type != HF_BOOL && d->type != HF_OPTIONAL;
		if (values != takes)
			continue;
		fprintf(f, " --%s", d->name);
		if (d->shorthand)
			fprintf(f, " -%c", d->shorthand);
	}
}

static void bash(void)
{
	printf("# bash completion for htmpl (htmpl completion bash)\n"
	       "_htmpl() {\n"
	       "\tlocal cur prev cmd flags vflags\n"
	       "\tcur=\"${COMP_WORDS[COMP_CWORD]}\"\n"
	       "\tprev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
	       "\tcmd=\"${COMP_WORDS[1]}\"\n"
	       "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"%s\" -- \"$cur\"))\n"
	       "\t\treturn 0\n"
	       "\tfi\n"
	       "\tcase \"$cmd\" in\n"
	       "\ttemplate|render|values)\n\t\tflags=\"",
	       commands);
	words(stdout, HC_TEMPLATE | HC_RENDER, false);
	printf("\"\n\t\tvflags=\"");
	words(stdout, HC_TEMPLATE | HC_RENDER, true);
	printf("\" ;;\n\tlint)\n\t\tflags=\"");
	words(stdout, HC_LINT, false);
	printf("\"\n\t\tvflags=\"");
	words(stdout, HC_LINT, true);
	printf("\" ;;\n"
	       "\tcompletion)\n\t\tCOMPREPLY=($(compgen -W \"bash zsh fish\" -- \"$cur\"))\n"
	       "\t\treturn 0 ;;\n"
	       "\t*) return 0 ;;\n"
	       "\tesac\n"
	       "\tcase \" $vflags \" in *\" $prev \"*)\n"
	       "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	       "\t\treturn 0 ;;\n"
	       "\tesac\n"
	       "\tif [[ \"$cur\" == -* ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"$flags $vflags\" -- \"$cur\"))\n"
	       "\telse\n"
	       "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	       "\tfi\n"
	       "\treturn 0\n"
	       "}\n"
	       "complete -o default -F _htmpl htmpl\n");
}

static void zsh(void)
{
	printf("#compdef htmpl\n# zsh completion for htmpl (htmpl completion zsh)\n"
	       "_htmpl() {\n"
	       "\tif (( CURRENT == 2 )); then\n"
	       "\t\tcompadd %s\n"
	       "\t\treturn\n"
	       "\tfi\n"
	       "\tcase $words[2] in\n"
	       "\ttemplate|render|values) compadd -- ",
	       commands);
	words(stdout, HC_TEMPLATE | HC_RENDER, false);
	words(stdout, HC_TEMPLATE | HC_RENDER, true);
	printf("; _files ;;\n\tlint) compadd -- ");
	words(stdout, HC_LINT, false);
	words(stdout, HC_LINT, true);
	printf("; _files ;;\n\tcompletion) compadd bash zsh fish ;;\n\tesac\n}\n"
	       "compdef _htmpl htmpl\n");
}

static void fish_for(unsigned cmd, const char *cond)
{
	for (const hflags_def *d = hflags_table; d->name; d++) {
		if (!(d->where & (cmd | HC_GLOBAL)))
			continue;
		printf("complete -c htmpl -n '%s' -l %s", cond, d->name);
		if (d->shorthand)
			printf(" -s %c", d->shorthand);
		if (d->type != HF_BOOL && d->type != HF_OPTIONAL)
			printf(" -r");
		printf(" -d '");
		for (const char *p = d->doc; *p; p++)
			fputs(*p == '\'' ? "\\'" : (char[]){*p, 0}, stdout);
		printf("'\n");
	}
}

static void fish(void)
{
	printf(
	    "# fish completion for htmpl (htmpl completion fish)\n"
	    "complete -c htmpl -f -n '__fish_use_subcommand' -a '%s'\n"
	    "complete -c htmpl -f -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n",
	    commands);
	fish_for(HC_TEMPLATE | HC_RENDER, "__fish_seen_subcommand_from template render values");
	fish_for(HC_LINT, "__fish_seen_subcommand_from lint");
}

int hcli_completion(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		fputs("Generate the autocompletion script for the specified shell.\n\n"
		      "Usage:\n  htmpl completion [bash|zsh|fish]\n\n"
		      "Load it in the current bash with:\n  source <(htmpl completion bash)\n",
		      argc < 2 ? stderr : stdout);
		return argc < 2 ? 1 : 0;
	}
	if (!strcmp(argv[1], "bash"))
		bash();
	else if (!strcmp(argv[1], "zsh"))
		zsh();
	else if (!strcmp(argv[1], "fish"))
		fish();
	else
		return hflags_fail("unknown command \"%s\" for \"htmpl completion\"", argv[1]);
	return 0;
}
