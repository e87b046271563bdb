/* fn_data.c - not yet written. */
#include "funcs.h"

bool hfn_register_data(henv *env)
{
	(void)env;
	return true;
}
