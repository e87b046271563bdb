/* fuzz_yaml - values YAML load and re-emit: toYaml output must load again and re-emit to the
 * same bytes (idempotence), and nothing may crash, hang or leak. */
#include "error.h"
#include "yaml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	harena *a = harena_new();
	if (!a)
		return 0;
	herr err = HTMPL_ERROR_INIT;
	hv v, w;
	hbuf once = HBUF_INIT, twice = HBUF_INIT;
	if (hyaml_load(a, (const char *)data, size, &v, &err) && hyaml_emit(&once, &v, &err)) {
		herr e2 = HTMPL_ERROR_INIT;
		if (hyaml_load(a, once.data ? once.data : "", once.len, &w, &e2) && hyaml_emit(&twice, &w, &e2)) {
			if (once.len != twice.len || (once.len && memcmp(once.data, twice.data, once.len)))
				abort(); /* toYaml is not idempotent */
		}
		htmpl_error_clear(&e2);
	}
	hbuf_free(&once);
	hbuf_free(&twice);
	htmpl_error_clear(&err);
	harena_free(a);
	return 0;
}
