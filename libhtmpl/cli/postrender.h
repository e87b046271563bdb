/* cli/postrender.h - helm 3's --post-renderer: an executable fed the manifests (cli/postrender.c).
 */
#ifndef HTMPL_CLI_POSTRENDER_H
#define HTMPL_CLI_POSTRENDER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hcli_postrender {
	char *path;  /* absolute path of the program, NULL when no --post-renderer */
	char **args; /* --post-renderer-args, in order */
	size_t nargs;
} hcli_postrender;

/* --post-renderer BIN: finds the program as exec.LookPath does. Returns 0, or 1 after printing
 * helm's `invalid argument` error naming the flag. */
int hcli_postrender_set(hcli_postrender *p, const char *bin, const char *spelled);
/* --post-renderer-args ARG (one argument each, no comma splitting). False on out of memory. */
bool hcli_postrender_add_arg(hcli_postrender *p, const char *arg);
void hcli_postrender_free(hcli_postrender *p);

/* Runs the program with in[0..n) on its stdin. Returns its stdout (malloc'ed, *outlen set), or
 * NULL with *why set to helm's message (malloc'ed; caller frees). */
char *hcli_postrender_run(const hcli_postrender *p, const char *in, size_t n, size_t *outlen,
			  char **why);

#endif
