/* pool.h - a fork-join pool of threads for the parallel render (pool.c).
 *
 * hpool_run runs fn(ud, i, w) for every task i in 0..n-1 on up to `threads` threads, the
 * calling thread included (w = 0 is the caller, 1.. the started threads); tasks are handed
 * out in increasing order, one at a time. It returns when every task has run, or, once a task
 * has called hpool_stop, when the running ones have finished (the rest are skipped). A
 * thread that cannot be started is no error: fewer threads share the work. */
#ifndef HTMPL_POOL_H
#define HTMPL_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct hpool hpool;
typedef void (*hpool_fn)(void *ud, size_t task, unsigned worker, hpool *p);

void hpool_run(unsigned threads, size_t n, hpool_fn fn, void *ud);
/* Asks the pool to hand out no more tasks. */
void hpool_stop(hpool *p);
/* The number of online CPUs (at least 1). */
unsigned hpool_online_cpus(void);

#endif
