/* stack.h - the C stack's depth budget for recursive walks (parser and executor). */
#ifndef HTMPL_STACK_H
#define HTMPL_STACK_H

/* The lowest stack address this thread may reach before recursion must stop (a margin
 * above the end of the thread's stack); NULL when unknown. Deep templates then fail with an
 * error instead of overflowing the C stack. Computed once per thread. */
const char *hstack_limit(void);
/* The current frame's address on the real stack, to compare with hstack_limit. Not the
 * address of a local: ASan's detect_stack_use_after_return moves locals to the heap. */
#define HSTACK_HERE() ((const char *)__builtin_frame_address(0))

#endif
