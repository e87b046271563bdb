/* govalidator.h - asaskevich/govalidator's IsRequestURL, IsURL and IsEmail (govalidator.c),
 * as helm's Chart.yaml lint rule calls them. */
#ifndef HTMPL_GOVALIDATOR_H
#define HTMPL_GOVALIDATOR_H

#include "core/arena.h"

#include <stdbool.h>

/* govalidator.IsRequestURL: url.ParseRequestURI succeeds and the URL has a scheme. */
bool hgovalidator_is_request_url(const char *s);
/* govalidator.IsURL: url.Parse's checks plus the rxURL pattern (compiled in a). */
bool hgovalidator_is_url(harena *a, const char *s);
/* govalidator.IsEmail: the rxEmail pattern (compiled in a). */
bool hgovalidator_is_email(harena *a, const char *s);

#endif
