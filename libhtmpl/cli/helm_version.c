/* helm_version.c - `--helm 3|4` and HTMPL_HELM (cli/helm_version.h): which Helm htmpl
 * reproduces, helm 3.17.3 or helm 4.1.4 (the default). The flag is htmpl's own, so it is
 * taken out of argv before the helm-compatible flag parsers of render, template and lint see
 * the rest; a later `--helm` wins over an earlier one, as pflag does for repeated flags. */
#include "cli/helm_version.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int chosen = 4;

const char hcli_helm_usage[] =
	"      --helm 3|4              reproduce helm 3.17.3 or helm 4.1.4 (default 4; also\n"
	"                              the environment variable HTMPL_HELM)\n";

/* "3" or "4" exactly: anything else (" 4", "4.1", "v4") is refused rather than guessed. */
static int parse(const char *v)
{
	if (!strcmp(v, "3"))
		return 3;
	if (!strcmp(v, "4"))
		return 4;
	return 0;
}

int hcli_helm_parse(int *argc, char **argv)
{
	bool flag = false;
	int out = 1;
	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (i < *argc)
				argv[out++] = argv[i++];
			break;
		}
		const char *v = NULL;
		if (!strcmp(a, "--helm")) {
			if (i + 1 >= *argc) {
				fputs("Error: flag needs an argument: --helm (accepted values are 3 "
				      "and 4)\n", stderr);
				return 1;
			}
			v = argv[++i];
		} else if (!strncmp(a, "--helm=", 7)) {
			v = a + 7;
		} else {
			argv[out++] = argv[i];
			continue;
		}
		flag = true;
		if (!(chosen = parse(v))) {
			fprintf(stderr, "Error: invalid argument \"%s\" for \"--helm\" flag: accepted "
			                "values are 3 and 4\n", v);
			return 1;
		}
	}
	*argc = out;
	argv[out] = NULL;
	/* The variable only counts without a flag, so a bad HTMPL_HELM can be overridden. */
	const char *ev = getenv("HTMPL_HELM");
	if (!flag && ev && *ev && !(chosen = parse(ev))) {
		fprintf(stderr, "Error: invalid value \"%s\" for HTMPL_HELM: accepted values are 3 "
		                "and 4\n", ev);
		return 1;
	}
	return 0;
}

int hcli_helm_version(void) { return chosen; }

void hcli_helm_apply(htmpl_env *env)
{
	if (env)
		htmpl_env_set_helm_version(env, chosen);
}
