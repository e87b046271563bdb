/* multipleof.h - multipleOf as gojsonschema (helm 3) and jsonschema v6 (helm 4) decide it:
 * big.Rat Quo(v, m).IsInt() on the numbers' shortest decimal forms (what json.Number holds),
 * so 0.3 is a multiple of 0.1. */
#ifndef HTMPL_MULTIPLEOF_H
#define HTMPL_MULTIPLEOF_H

#include <stdbool.h>

/* Whether v / m is an integer, exactly; *oom is set when memory ran out. */
bool hmultipleof_check(double v, double m, bool *oom);

#endif
