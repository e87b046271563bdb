/* yaml_emit.c - not yet written. */
#include "funcs.h"
