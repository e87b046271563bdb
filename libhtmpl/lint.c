/* lint.c - not yet written. */
#include "funcs.h"
