/* lint_rules.c - not yet written. */
#include "funcs.h"
