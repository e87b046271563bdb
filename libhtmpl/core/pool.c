/* pool.c - the fork-join thread pool of pool.h, on POSIX threads.
 *
 * Threads are started per hpool_run and joined before it returns: a render's tasks are
 * milliseconds long and a pool kept between renders would be global state. Each thread gets
 * a stack as large as the main thread's usual one (deep include chains recurse), and the
 * executor's stack budget (core/stack.c) is per thread. */
#include "core/pool.h"

#include <pthread.h>
#include <stdint.h>
#include <sys/resource.h>
#include <unistd.h>

struct hpool {
	hpool_fn fn;
	void *ud;
	size_t n;
	size_t next; /* the next task to hand out (atomic) */
	bool stop;   /* atomic */
};

typedef struct worker {
	hpool *p;
	unsigned id;
} worker;

void hpool_stop(hpool *p) { __atomic_store_n(&p->stop, true, __ATOMIC_RELAXED); }

static void work(hpool *p, unsigned id)
{
	while (!__atomic_load_n(&p->stop, __ATOMIC_RELAXED)) {
		size_t i = __atomic_fetch_add(&p->next, 1, __ATOMIC_RELAXED);
		if (i >= p->n)
			return;
		p->fn(p->ud, i, id, p);
	}
}

static void *thread_main(void *arg)
{
	worker *w = arg;
	work(w->p, w->id);
	return NULL;
}

/* The main thread's soft stack limit, between 8 MiB and 256 MiB. */
static size_t stack_size(void)
{
	struct rlimit rl;
	size_t s = 8u << 20;
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur > s)
		s = rl.rlim_cur < ((rlim_t)256 << 20) ? (size_t)rl.rlim_cur : 256u << 20;
	return s;
}

enum { MAX_THREADS = 256 };

void hpool_run(unsigned threads, size_t n, hpool_fn fn, void *ud)
{
	hpool p = {.fn = fn, .ud = ud, .n = n};
	if (threads > n)
		threads = (unsigned)n;
	if (threads > MAX_THREADS)
		threads = MAX_THREADS;
	pthread_t tid[MAX_THREADS];
	worker w[MAX_THREADS];
	unsigned started = 0;
	pthread_attr_t attr;
	bool attr_ok = threads > 1 && pthread_attr_init(&attr) == 0;
	if (attr_ok)
		pthread_attr_setstacksize(&attr, stack_size());
	for (unsigned i = 1; i < threads; i++) {
		w[started] = (worker){&p, i};
		if (pthread_create(&tid[started], attr_ok ? &attr : NULL, thread_main, &w[started]) != 0)
			break;
		started++;
	}
	if (attr_ok)
		pthread_attr_destroy(&attr);
	work(&p, 0);
	for (unsigned i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}

unsigned hpool_online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (unsigned)n;
}
