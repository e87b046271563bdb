/* fn_helm.c - not yet written. */
#include "funcs.h"

bool hfn_register_helm(henv *env)
{
	(void)env;
	return true;
}
