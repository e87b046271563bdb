/* utf8.c - not yet written. */
#include "funcs.h"
