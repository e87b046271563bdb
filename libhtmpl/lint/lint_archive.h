/* lint_archive.h - packaged charts expanded before linting (lint_archive.c). */
#ifndef HTMPL_LINT_ARCHIVE_H
#define HTMPL_LINT_ARCHIVE_H

#include "lint/lint_report.h"

/* lint_archive.c: a .tgz/.tar.gz path is expanded before linting (pkg/action/lint.go). */
bool hlint_is_archive_path(const char *p);
/* Expands the archive at path; *dir is the chart directory to lint and *tmp the directory to
 * remove afterwards. A failure helm reports as the chart's error sets c->fatal; false only on
 * an internal failure (out of memory, cannot write the temporary tree). */
bool hlint_expand_archive(hlint *L, hlint_chart *c, const char *path, const char **dir,
                          char **tmp);
/* Removes a temporary tree made by hlint_expand_archive (NULL: nothing). */
void hlint_remove_tree(const char *dir);

#endif
