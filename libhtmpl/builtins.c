/* builtins.c - not yet written. */
#include "funcs.h"

bool hfn_register_builtins(henv *env)
{
	(void)env;
	return true;
}
