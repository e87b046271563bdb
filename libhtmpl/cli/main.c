/* htmpl - the command-line interface. Uses only include/htmpl.h. */
#include <htmpl.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	(void)argc; (void)argv;
	fprintf(stderr, "htmpl: not yet\n");
	return 1;
}
