/* strconv.c - not yet written. */
#include "funcs.h"
