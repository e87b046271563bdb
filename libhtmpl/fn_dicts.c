/* fn_dicts.c - not yet written. */
#include "funcs.h"

bool hfn_register_dicts(henv *env)
{
	(void)env;
	return true;
}
