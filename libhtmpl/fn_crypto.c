/* fn_crypto.c - not yet written. */
#include "funcs.h"

bool hfn_register_crypto(henv *env)
{
	(void)env;
	return true;
}
