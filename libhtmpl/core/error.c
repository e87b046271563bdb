/* error.c - building and freeing htmpl_error values (see error.h). */
#include "core/error.h"

#include <errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char nomem_msg[] = "out of memory";

static void free_fields(herr *e)
{
	if (e->message != nomem_msg)
		free(e->message);
	free(e->file);
}

void htmpl_error_clear(htmpl_error *e)
{
	if (!e)
		return;
	free_fields(e);
	memset(e, 0, sizeof *e);
}

bool herr_nomem(herr *err)
{
	if (!err || err->code)
		return false;
	err->code = HTMPL_ERR_NOMEM;
	err->message = nomem_msg;
	return false;
}

bool herr_setn(herr *err, htmpl_errcode code, const char *msg, size_t n)
{
	if (!err || err->code)
		return false;
	char *m = malloc(n + 1);
	if (!m)
		return herr_nomem(err);
	memcpy(m, msg, n);
	m[n] = 0;
	err->code = code;
	err->message = m;
	return false;
}

bool herr_vset(herr *err, htmpl_errcode code, const char *fmt, va_list ap)
{
	if (!err || err->code)
		return false;
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		n = 0;
	char *m = malloc((size_t)n + 1);
	if (!m)
		return herr_nomem(err);
	vsnprintf(m, (size_t)n + 1, fmt, ap);
	err->code = code;
	err->message = m;
	return false;
}

bool herr_set(herr *err, htmpl_errcode code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	herr_vset(err, code, fmt, ap);
	va_end(ap);
	return false;
}

void herr_where(herr *err, const char *file, int line, int col)
{
	if (!err || err->file)
		return;
	err->file = file ? strdup(file) : NULL;
	err->line = line;
	err->col = col;
}

void herr_move(herr *dst, herr *src)
{
	htmpl_error_clear(dst);
	*dst = *src;
	memset(src, 0, sizeof *src);
}

const char *htmpl_error_message(const htmpl_error *e)
{
	return e && e->code ? e->message : "";
}

const char *herr_errno(int eno)
{
	switch (eno) {
	case ENOENT:
		return "no such file or directory";
	case EACCES:
		return "permission denied";
	case EISDIR:
		return "is a directory";
	case ENOTDIR:
		return "not a directory";
	case ELOOP:
		return "too many levels of symbolic links";
	case ENAMETOOLONG:
		return "file name too long";
	case EMFILE:
		return "too many open files";
	case EIO:
		return "input/output error";
	case ENOMEM:
		return "cannot allocate memory";
	case EPERM:
		return "operation not permitted";
	default:
		return strerror(eno);
	}
}
