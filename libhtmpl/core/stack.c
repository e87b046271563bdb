/* stack.c - how deep this thread may recurse: the lowest stack address it may reach, so that
 * deep templates and deep YAML fail with an error instead of overflowing the C stack (Go
 * grows its stacks; we cannot, so we stop with a margin to spare). */
#include "core/stack.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The main thread's stack size when pthread cannot tell: glibc bounds it by the gap to the
 * mapping below, which under valgrind can be a few KiB (pathological nested-if), so the
 * stack rlimit is used instead (8 MiB when unlimited, as Linux lays out the stack). */
static size_t main_stack_size(void)
{
	struct rlimit rl;
	if (syscall(SYS_gettid) != getpid() || getrlimit(RLIMIT_STACK, &rl) != 0)
		return 0;
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > ((rlim_t)1 << 30))
		return 8u << 20;
	return (size_t)rl.rlim_cur;
}

/* pthread_getattr_np reads /proc/self/maps for the main thread (a tenth of a small chart's
 * render when asked per file), and a thread's stack never moves, so each thread asks once.
 * The cache is per thread and holds only that thread's own fixed bounds. */
static const char *stack_limit_uncached(void)
{
	pthread_attr_t attr;
	void *addr = NULL;
	size_t size = 0;
	const char *top = HSTACK_HERE(); /* a conservative top when pthread knows nothing */
	if (pthread_getattr_np(pthread_self(), &attr) == 0) {
		if (pthread_attr_getstack(&attr, &addr, &size) == 0 && addr)
			top = (const char *)addr + size;
		pthread_attr_destroy(&attr);
	}
	if (size < 64 * 1024) {
		size_t guess = main_stack_size();
		if (guess > size)
			size = guess;
	}
	if (size < 64 * 1024 || (uintptr_t)top < size)
		return NULL;
	size_t margin = size / 4 < 512 * 1024 ? size / 4 : 512 * 1024;
	return top - size + margin;
}

const char *hstack_limit(void)
{
	static _Thread_local bool known;
	static _Thread_local const char *limit;
	if (!known) {
		limit = stack_limit_uncached();
		known = true;
	}
	return limit;
}
