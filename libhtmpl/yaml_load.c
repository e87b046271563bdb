/* yaml_load.c - not yet written. */
#include "funcs.h"
