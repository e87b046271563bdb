/* fn_semver.c - not yet written. */
#include "funcs.h"

bool hfn_register_semver(henv *env)
{
	(void)env;
	return true;
}
