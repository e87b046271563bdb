/* fn_encoding.c - not yet written. */
#include "funcs.h"

bool hfn_register_encoding(henv *env)
{
	(void)env;
	return true;
}
