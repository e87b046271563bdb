/* fn_reflect.c - not yet written. */
#include "funcs.h"

bool hfn_register_reflect(henv *env)
{
	(void)env;
	return true;
}
