/* fn_numeric.c - not yet written. */
#include "funcs.h"

bool hfn_register_numeric(henv *env)
{
	(void)env;
	return true;
}
