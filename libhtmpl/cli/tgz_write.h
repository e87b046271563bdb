/* cli/tgz_write.h - a chart directory packed as helm's chartutil.Save packs it (cli/tgz_write.c).
 */
#ifndef HTMPL_CLI_TGZ_WRITE_H
#define HTMPL_CLI_TGZ_WRITE_H

/* Writes dir's files (minus .helmignore's patterns and hidden files under templates/) into
 * the gzip'ed tar `out`, each under NAME/. Returns 0, or 1 after printing an error. */
int htgz_write_chart(const char *dir, const char *name, const char *out);

#endif
