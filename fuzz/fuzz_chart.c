/* fuzz_chart - a whole chart given as an archive in memory: hchart_load_archive (chart.c:
 * Helm's pkg/chart/loader archive.go + load.go, with our hardening) and then htmpl_render
 * (render.c: pkg/engine, pkg/action) with and without lint mode.
 *
 * The first byte picks options; the rest is the chart:
 *   bits 0-1  input form: 0 the golden case format (`--- PATH` sections, turned into a tar
 *             under c/ and gzipped here), 1 a raw tar whose header checksums are fixed here
 *             before gzip, 2 the .tgz bytes as given, 3 a raw tar gzipped as is
 *   bit 2     --include-crds      bit 3  --skip-tests     bit 4  --is-upgrade
 *   bit 5     lint mode (required/fail warn)             bit 6  --no-hooks
 *   bit 7     --set x=1,global.y=z and --show-only templates/t.yaml
 * Forms 0 and 1 let the fuzzer change file text and tar headers without breaking the gzip or
 * the checksum first. Limits are small so that no input runs long. */
#include "helm/chart.h"
#include "fuzz_util.h"

#include <stdint.h>
#include <stdlib.h>

static htmpl_env *env;
static uint64_t seed;

static bool make_archive(unsigned form, const uint8_t *d, size_t n, fz_buf *tgz)
{
	if (form == 2)
		return fz_put(tgz, d, n);
	fz_buf tar = {0};
	bool ok;
	if (form == 0) {
		ok = fz_case_to_tar((const char *)d, n, &tar) >= 0;
	} else {
		ok = fz_put(&tar, d, n);
		if (ok && form == 1)
			fz_tar_fix(tar.p, tar.len);
	}
	ok = ok && fz_gzip(tar.p, tar.len, tgz);
	fz_buf_free(&tar);
	return ok;
}

static void render(hchart *c, unsigned opt)
{
	htmpl_render_opts *o = htmpl_render_opts_new();
	if (!o)
		return;
	unsigned fl = 0;
	fl |= (opt & 4) ? HTMPL_RENDER_INCLUDE_CRDS : 0;
	fl |= (opt & 8) ? HTMPL_RENDER_SKIP_TESTS : 0;
	fl |= (opt & 16) ? HTMPL_RENDER_IS_UPGRADE : 0;
	fl |= (opt & 32) ? HTMPL_RENDER_LINT_MODE : 0;
	fl |= (opt & 64) ? HTMPL_RENDER_NO_HOOKS : 0;
	htmpl_render_opts_set_env(o, env);
	htmpl_render_opts_set_flags(o, fl);
	htmpl_render_opts_set_release(o, "rel");
	htmpl_render_opts_set_namespace(o, "ns");
	if (opt & 128) {
		htmpl_render_opts_add_set(o, HTMPL_SET, "x=1,global.y=z");
		htmpl_render_opts_add_show_only(o, "templates/t.yaml");
	}
	htmpl_error err = HTMPL_ERROR_INIT;
	char *warn = NULL;
	size_t len;
	free(htmpl_render((const htmpl_chart *)c, o, &len, &warn, &err));
	free(warn);
	htmpl_error_clear(&err);
	htmpl_render_opts_free(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 256 * 1024)
		return 0;
	if (!env && (env = htmpl_env_new()))
		fz_env_setup(env, &seed);
	if (!env)
		return 0;
	seed = 0x9e3779b97f4a7c15ull;
	unsigned opt = data[0];
	fz_buf tgz = {0};
	htmpl_error err = HTMPL_ERROR_INIT;
	if (make_archive(opt & 3, data + 1, size - 1, &tgz)) {
		hchart *c = hchart_load_archive(env, "c.tgz", tgz.p, tgz.len, &err);
		if (c)
			render(c, opt);
		hchart_free(c);
	}
	htmpl_error_clear(&err);
	fz_buf_free(&tgz);
	return 0;
}
