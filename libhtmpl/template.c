/* template.c - STUB: the public htmpl_template_* API. */
#include "template.h"
