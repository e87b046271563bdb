/* fn_strings.c - not yet written. */
#include "funcs.h"

bool hfn_register_strings(henv *env)
{
	(void)env;
	return true;
}
