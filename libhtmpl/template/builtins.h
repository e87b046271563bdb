/* builtins.h - Go's builtin functions that take raw reflect.Values (builtins.c), and the
 * value conventions the executor shares with them.
 *
 * Go's executor works on reflect.Values, and three of their distinctions show in Helm's
 * output and error texts; the executor keeps them with these conventions:
 *   - HT_INVALID is the zero reflect.Value (a missing key once a pipeline ends);
 *   - HT_NIL is always a nil interface {} (a missing or null map entry before unwrapping);
 *   - HV_F_IFACE marks a value still wrapped in an interface {} (read from a map or slice
 *     of interface {}), so "can't evaluate field x in type interface {}" names the static
 *     type as Go does. The flag never reaches ordinary template functions. */
#ifndef HTMPL_BUILTINS_H
#define HTMPL_BUILTINS_H

#include "value/env.h"

#define HV_F_IFACE 0x80

/* Besides the letters of htmpl_env_add_func, an object method's signature may use 'r': a
 * parameter of the receiver's own type (*semver.Version for Compare). The executor checks it
 * as Go's evalArg does; a nil argument arrives as HT_NIL. */

/* Go's indirectInterface: the concrete value inside an interface (a nil one: invalid). */
static inline hv hbuiltin_indirect(hv v)
{
	if (v.type == HT_NIL)
		return hv_invalid();
	v.flags &= (uint8_t)~HV_F_IFACE;
	return v;
}

/* The map or slice a Go map- or slice-kinded object (engine.files, chartutil.VersionSet)
 * is to range, len, index and truth: its marshal view, allocated in a. Any other value is
 * copied unchanged. False only on out of memory. */
bool hbuiltin_view(harena *a, const hv *v, hv *out);

/* Runs a Go builtin that takes raw reflect.Values (not, len, index, call, eq ... ge) or
 * formats (print, printf, println, html, js, urlquery). argv holds raw values (HT_NIL is a
 * nil interface, HT_INVALID the zero Value). On error sets the call's message, returns false. */
bool hbuiltin_call(hcall *c, hbuiltin id, size_t argc, const hv *argv, hv *out);
/* Go's truth(): isTrue(indirectInterface(v)); a map- or slice-kinded object is true when
 * its view (made in a) is not empty. False result also on out of memory of the view. */
bool hbuiltin_truth(harena *a, const hv *v);
/* fmt.Sprint with text/template's evalArgs: a lone string as is, else each argument made
 * printable (invalid -> "<no value>") then Sprint'ed. */
void hbuiltin_eval_args(hbuf *b, size_t argc, const hv *argv);

/* Registers the builtins (and, or, not, len, index, print ..., eq ... ge, and Helm's
 * include and tpl, which the executor runs itself). */
bool hbuiltins_register(henv *env);

#endif
