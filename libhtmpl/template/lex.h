/* lex.h - the template lexer: Go's text/template/parse/lex.go, token for token.
 *
 * The lexer is pulled by the parser one item at a time (hlex_next). Positions are byte
 * offsets in the input; lines count newlines seen so far, exactly as Go counts them, so
 * parse errors report Go's line numbers. Error items carry Go's message text. */
#ifndef HTMPL_LEX_H
#define HTMPL_LEX_H

#include "core/arena.h"
#include "core/buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Go's itemType, in Go's order: keywords come after HL_KEYWORD. */
typedef enum hlex_type {
	HL_ERROR, HL_BOOL, HL_CHAR, HL_CHARCONST, HL_COMMENT, HL_COMPLEX, HL_ASSIGN, HL_DECLARE,
	HL_EOF, HL_FIELD, HL_IDENT, HL_LDELIM, HL_LPAREN, HL_NUMBER, HL_PIPE, HL_RAWSTRING,
	HL_RDELIM, HL_RPAREN, HL_SPACE, HL_STRING, HL_TEXT, HL_VARIABLE,
	HL_KEYWORD, /* only a separator */
	HL_BLOCK, HL_BREAK, HL_CONTINUE, HL_DOT, HL_DEFINE, HL_ELSE, HL_END, HL_IF, HL_NIL,
	HL_RANGE, HL_TEMPLATE, HL_WITH,
} hlex_type;

typedef struct hlex_item {
	hlex_type typ;
	size_t pos;      /* byte offset of the item's start */
	const char *val; /* the item's text (for HL_ERROR: the message) */
	size_t len;
	int line;        /* line at the start of the item */
} hlex_item;

typedef struct hlex {
	const char *input;
	size_t len;
	size_t pos, start;
	size_t last_w;     /* width of the last rune read, for backup */
	bool at_eof;
	bool inside_action;
	bool break_ok, continue_ok; /* false when a function named break/continue exists */
	int paren_depth;
	int line, start_line;
	harena *arena;     /* error messages */
	hlex_item item;
} hlex;

void hlex_init(hlex *l, const char *input, size_t len, harena *a);
/* The next item; after HL_ERROR or HL_EOF every call returns HL_EOF. */
hlex_item hlex_next(hlex *l);
/* Go's item.String(): EOF, the error text, <keyword>, or the %q-quoted value
 * (truncated to 10 runes with "..." when longer). */
void hlex_item_string(const hlex_item *it, hbuf *b);

/* Character classes of the lexer, shared with the parser. */
bool hlex_is_alnum(int32_t r);
/* unicode.IsPrint */
bool hlex_is_print(int32_t r);
/* Decodes one rune (U+FFFD width 1 on bad UTF-8); returns the width (0 at the end). */
size_t hlex_decode(const char *s, size_t n, int32_t *r);
/* fmt's %#U: U+0041 'A' (the quoted form only for printable runes). */
void hlex_format_U(hbuf *b, int32_t r);

#endif
