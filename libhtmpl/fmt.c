/* fmt.c - STUB until the Go fmt implementation lands. */
#include "fmt.h"

void hfmt_value(hbuf *b, const hv *v)
{
	if (v->type == HT_STRING)
		hbuf_put(b, v->s->data, v->s->len);
	else if (hv_is_int(v))
		hbuf_printf(b, "%lld", (long long)v->i);
	else
		hbuf_puts(b, "?");
}
void hfmt_sprint(hbuf *b, size_t argc, const hv *argv)
{
	for (size_t i = 0; i < argc; i++)
		hfmt_value(b, &argv[i]);
}
void hfmt_sprintln(hbuf *b, size_t argc, const hv *argv)
{
	hfmt_sprint(b, argc, argv);
	hbuf_putc(b, '\n');
}
void hfmt_sprintf(hbuf *b, const char *format, size_t flen, size_t argc, const hv *argv)
{
	hbuf_put(b, format, flen);
	(void)argc, (void)argv;
}
