/* fn_date.c - not yet written. */
#include "funcs.h"

bool hfn_register_date(henv *env)
{
	(void)env;
	return true;
}
