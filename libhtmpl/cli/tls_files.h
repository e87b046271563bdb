/* cli/tls_files.h - helm's registry-client TLS files, checked as helm reads them (cli/tls_files.c). */
#ifndef HTMPL_CLI_TLS_FILES_H
#define HTMPL_CLI_TLS_FILES_H

/* --cert-file, --key-file, --ca-file (NULL or "" when not given). Returns 0, or 1 after
 * printing helm's `missing registry client: can't create TLS config for client: ...`. */
int hcli_check_tls_files(const char *cert, const char *key, const char *ca);

#endif
