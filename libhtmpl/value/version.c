/* version.c - htmpl_version(): the library's own version, fixed when it was built (meson's
 * project version through htmpl_version.h), so a program can tell it from the header's. */
#include "htmpl.h"

#include <stddef.h>

const char *htmpl_version(int *major, int *minor, int *patch)
{
	if (major)
		*major = HTMPL_VERSION_MAJOR;
	if (minor)
		*minor = HTMPL_VERSION_MINOR;
	if (patch)
		*patch = HTMPL_VERSION_PATCH;
	return HTMPL_VERSION_STRING;
}
