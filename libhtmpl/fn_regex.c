/* fn_regex.c - not yet written. */
#include "funcs.h"

bool hfn_register_regex(henv *env)
{
	(void)env;
	return true;
}
