/* fn_lists.c - not yet written. */
#include "funcs.h"

bool hfn_register_lists(henv *env)
{
	(void)env;
	return true;
}
