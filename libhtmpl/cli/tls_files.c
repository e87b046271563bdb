/* cli/tls_files.c - helm template builds a registry client even for a local chart
 * (cmd/helm/install.go newRegistryClient), and with --cert-file and --key-file both given, or
 * --ca-file, it reads them (internal/tls: WithCertKeyPairFiles first, then WithCAFile). htmpl
 * downloads nothing, but fails where helm fails with helm's messages: a missing or unreadable
 * file, or one without PEM data. Certificates are not parsed further. */
#include "cli/tls_files.h"
#include "cli/flags.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char prefix[] = "missing registry client: can't create TLS config for client: ";

/* Reads up to 64 KiB. NULL with Go's os.ReadFile message in why. */
static char *slurp(const char *path, char *why, size_t n)
{
	struct stat sb;
	FILE *f = fopen(path, "rb");
	if (!f || (fstat(fileno(f), &sb) == 0 && S_ISDIR(sb.st_mode))) {
		bool dir = f != NULL;
		if (f)
			fclose(f);
		snprintf(why, n, "%s %s: %s", dir ? "read" : "open", path,
		         dir ? "is a directory" : errno == EACCES ? "permission denied"
		                                                  : "no such file or directory");
		return NULL;
	}
	char *buf = calloc(1, 65537);
	if (buf)
		(void)!fread(buf, 1, 65536, f);
	fclose(f);
	return buf;
}

int hcli_check_tls_files(const char *cert, const char *key, const char *ca)
{
	char why[4200];
	if (cert && *cert && key && *key) {
		char *c = slurp(cert, why, sizeof why), *k = c ? slurp(key, why, sizeof why) : NULL;
		int rc = 0;
		if (!c || !k)
			rc = hflags_fail("%scan't load key pair from cert %s and key %s: %s", prefix, cert, key,
			                 why);
		else if (!strstr(c, "-----BEGIN "))
			rc = hflags_fail("%scan't load key pair from cert %s and key %s: tls: failed to find "
			                 "any PEM data in certificate input",
			                 prefix, cert, key);
		else if (!strstr(k, "PRIVATE KEY-----"))
			rc = hflags_fail("%scan't load key pair from cert %s and key %s: tls: failed to find "
			                 "any PEM data in key input",
			                 prefix, cert, key);
		free(c);
		free(k);
		if (rc)
			return rc;
	}
	if (ca && *ca) {
		char *c = slurp(ca, why, sizeof why);
		if (!c)
			return hflags_fail("%scan't read CA file: %s", prefix, ca);
		bool pem = strstr(c, "-----BEGIN CERTIFICATE-----") != NULL;
		free(c);
		if (!pem)
			return hflags_fail("%sfailed to append certificates from file: %s", prefix, ca);
	}
	return 0;
}
