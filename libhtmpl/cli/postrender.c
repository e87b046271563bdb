/* cli/postrender.c - `--post-renderer PATH --post-renderer-args ARG...` as helm 3.17 runs it
 * (pkg/postrender/exec.go): the program is found as Go's exec.LookPath finds it and made
 * absolute; it gets the manifests on stdin and its stdout replaces them; a failure reads
 * `error while running command PATH. error output:\nSTDERR: exit status N`. Helm 4 takes a
 * plugin name instead; htmpl keeps helm 3's meaning (docs/cli-flags.md). */

#include "cli/postrender.h"
#include "cli/flags.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* findExecutable: a regular file with an execute bit. NULL or Go's reason. */
static const char *find_executable(const char *path, char *why, size_t n)
{
	struct stat sb;
	if (stat(path, &sb) != 0) {
		int len = snprintf(why, n, "stat %s: %s", path, strerror(errno));
		size_t at = strlen(path) + 7; /* Go's syscall texts are lower case */
		if (len > 0 && at < (size_t)len && at < n)
			why[at] = (char)(why[at] | 0x20);
		return why;
	}
	if (S_ISDIR(sb.st_mode))
		return "is a directory";
	if (!(sb.st_mode & 0111))
		return "permission denied";
	return NULL;
}

static char *absolute(const char *path)
{
	if (path[0] == '/')
		return strdup(path);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof cwd))
		return strdup(path);
	const char *p = path;
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	char *out = malloc(strlen(cwd) + strlen(p) + 2);
	if (out)
		sprintf(out, "%s/%s", cwd, p);
	return out;
}

int hcli_postrender_set(hcli_postrender *p, const char *bin, const char *spelled)
{
	char why[PATH_MAX + 64];
	const char *err = NULL;
	char *found = NULL;
	if (strchr(bin, '/')) {
		if (!(err = find_executable(bin, why, sizeof why)))
			found = absolute(bin);
	} else {
		const char *path = getenv("PATH");
		for (const char *d = path ? path : ""; *bin && !found;) {
			size_t n = strcspn(d, ":");
			char cand[PATH_MAX];
			snprintf(cand, sizeof cand, "%.*s/%s", (int)(n ? n : 1), n ? d : ".", bin);
			if (!find_executable(cand, why, sizeof why))
				found = absolute(cand);
			if (!d[n])
				break;
			d += n + 1;
		}
		if (!found)
			err = "executable file not found in $PATH";
	}
	if (!found) {
		fprintf(stderr,
			"Error: invalid argument \"%s\" for \"%s\" flag: unable to find binary at "
			"%s: exec: "
			"\"%s\": %s\n",
			bin, spelled, bin, bin, err ? err : "out of memory");
		return 1;
	}
	free(p->path);
	p->path = found;
	return 0;
}

bool hcli_postrender_add_arg(hcli_postrender *p, const char *arg)
{
	char **a = realloc(p->args, (p->nargs + 1) * sizeof *a);
	if (!a)
		return false;
	p->args = a;
	if (!(a[p->nargs] = strdup(arg)))
		return false;
	p->nargs++;
	return true;
}

void hcli_postrender_free(hcli_postrender *p)
{
	for (size_t i = 0; i < p->nargs; i++)
		free(p->args[i]);
	free(p->args);
	free(p->path);
	p->args = NULL;
	p->path = NULL;
	p->nargs = 0;
}

typedef struct grow {
	char *d;
	size_t n, cap;
} grow;

static bool grow_read(grow *g, int fd, bool *eof)
{
	if (g->cap - g->n < 4096) {
		size_t cap = g->cap ? g->cap * 2 : 8192;
		char *d = realloc(g->d, cap);
		if (!d)
			return false;
		g->d = d;
		g->cap = cap;
	}
	ssize_t r = read(fd, g->d + g->n, g->cap - g->n - 1);
	if (r <= 0) {
		*eof = r == 0 || errno != EINTR;
		return true;
	}
	g->n += (size_t)r;
	return true;
}

/* Go's ExitError text: "exit status N" or "signal: NAME". */
static void exit_text(int status, char *buf, size_t n)
{
	if (WIFEXITED(status)) {
		snprintf(buf, n, "exit status %d", WEXITSTATUS(status));
		return;
	}
	const char *s = strsignal(WTERMSIG(status));
	snprintf(buf, n, "signal: %s", s ? s : "unknown");
	buf[8] = (char)(buf[8] | 0x20); /* Go's names are lower case: "killed" */
}

static char *failure(const hcli_postrender *p, const grow *err, const char *what)
{
	char *msg = NULL;
	if (asprintf(&msg,
		     "error while running post render on files: error while running command "
		     "%s. error output:\n%.*s: %s",
		     p->path, (int)err->n, err->d ? err->d : "", what) < 0)
		return NULL;
	return msg;
}

/* Pumps stdin, stdout and stderr together so a large input never deadlocks. */
static bool pump(int in, int out, int errfd, const char *data, size_t n, grow *o, grow *e)
{
	size_t off = 0;
	bool out_eof = false, err_eof = false;
	if (!n) {
		close(in);
		in = -1;
	}
	while (!out_eof || !err_eof) {
		struct pollfd fds[3] = {{out, POLLIN, 0}, {errfd, POLLIN, 0}, {in, POLLOUT, 0}};
		if (out_eof)
			fds[0].fd = -1;
		if (err_eof)
			fds[1].fd = -1;
		if (poll(fds, 3, -1) < 0 && errno != EINTR)
			return false;
		if (fds[2].revents & (POLLOUT | POLLERR | POLLHUP)) {
			ssize_t w = write(in, data + off, n - off);
			if (w > 0)
				off += (size_t)w;
			if (w < 0 || off == n) {
				close(in);
				in = -1;
			}
		}
		if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) && !grow_read(o, out, &out_eof))
			return false;
		if ((fds[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    !grow_read(e, errfd, &err_eof))
			return false;
	}
	if (in >= 0)
		close(in);
	return true;
}

char *hcli_postrender_run(const hcli_postrender *p, const char *in, size_t n, size_t *outlen,
			  char **why)
{
	int pin[2], pout[2], perr[2], pexec[2];
	*why = NULL;
	if (pipe(pin) || pipe(pout) || pipe(perr) || pipe2(pexec, O_CLOEXEC))
		return *why = strdup("cannot create pipes"), NULL;
	char **argv = calloc(p->nargs + 2, sizeof *argv);
	if (!argv)
		return NULL;
	argv[0] = p->path;
	for (size_t i = 0; i < p->nargs; i++)
		argv[i + 1] = p->args[i];
	void (*old)(int) = signal(SIGPIPE, SIG_IGN);
	pid_t pid = fork();
	if (pid == 0) {
		dup2(pin[0], 0);
		dup2(pout[1], 1);
		dup2(perr[1], 2);
		close(pin[1]);
		close(pout[0]);
		close(perr[0]);
		signal(SIGPIPE, SIG_DFL);
		execv(p->path, argv);
		int e = errno;
		(void)!write(pexec[1], &e, sizeof e);
		_exit(127);
	}
	free(argv);
	close(pin[0]);
	close(pout[1]);
	close(perr[1]);
	close(pexec[1]);
	grow o = {0}, e = {0};
	char what[300];
	bool ok = pid > 0 && pump(pin[1], pout[0], perr[0], in, n, &o, &e);
	if (pid < 0)
		close(pin[1]);
	close(pout[0]);
	close(perr[0]);
	int exec_errno = 0, status = 0;
	if (pid > 0) {
		if (read(pexec[0], &exec_errno, sizeof exec_errno) != sizeof exec_errno)
			exec_errno = 0;
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	close(pexec[0]);
	signal(SIGPIPE, old);
	if (!ok || pid < 0) {
		*why = strdup("cannot run the post-renderer");
	} else if (exec_errno) {
		char *low = strdup(strerror(exec_errno));
		if (low)
			low[0] = (char)(low[0] | 0x20);
		snprintf(what, sizeof what, "fork/exec %s: %s", p->path, low ? low : "error");
		free(low);
		e.n = 0;
		*why = failure(p, &e, what);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		exit_text(status, what, sizeof what);
		*why = failure(p, &e, what);
	}
	free(e.d);
	if (*why || !ok) {
		free(o.d);
		return NULL;
	}
	if (!o.d && !(o.d = malloc(1)))
		return NULL;
	o.d[o.n] = 0;
	*outlen = o.n;
	return o.d;
}
