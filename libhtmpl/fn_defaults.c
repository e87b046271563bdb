/* fn_defaults.c - not yet written. */
#include "funcs.h"

bool hfn_register_defaults(henv *env)
{
	(void)env;
	return true;
}
