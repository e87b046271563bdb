/* lex.c - the template lexer, reproducing Go's text/template/parse/lex.go (Go 1.23).
 *
 * Go runs its lexer as a chain of state functions that stop after emitting one item; here
 * the same states are an enum driven by a loop in hlex_next. Every quirk that shows in
 * error messages or positions is kept: trim markers need an ASCII space (`{{-3}}` is the
 * number -3), comments must touch the delimiters, line counting of ignored text, the
 * sticky at_eof flag that makes backup a no-op after the end, and Go's error texts. */
#include "template/lex.h"
#include "core/strconv.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#define EOF_RUNE (-1)

enum state { S_TEXT, S_LEFT_DELIM, S_COMMENT, S_RIGHT_DELIM, S_INSIDE, S_SPACE, S_IDENT,
	     S_FIELD, S_VARIABLE, S_CHAR, S_NUMBER, S_QUOTE, S_RAW, S_DONE };

void hlex_init(hlex *l, const char *input, size_t len, harena *a)
{
	memset(l, 0, sizeof *l);
	l->input = input;
	l->len = len;
	l->line = l->start_line = 1;
	l->arena = a;
	l->break_ok = l->continue_ok = true;
}

size_t hlex_decode(const char *s, size_t n, int32_t *r)
{
	if (n == 0) {
		*r = 0xFFFD;
		return 0;
	}
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80) {
		*r = c;
		return 1;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t w = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
	if (w <= 0) {
		*r = 0xFFFD;
		return 1;
	}
	*r = cp;
	return (size_t)w;
}

static bool is_space(int32_t r) { return r == ' ' || r == '\t' || r == '\r' || r == '\n'; }

bool hlex_is_alnum(int32_t r)
{
	if (r < 0x80)
		return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9');
	if (r > 0x10FFFF)
		return false;
	utf8proc_category_t c = utf8proc_category(r);
	return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL || c == UTF8PROC_CATEGORY_LT ||
	       c == UTF8PROC_CATEGORY_LM || c == UTF8PROC_CATEGORY_LO || c == UTF8PROC_CATEGORY_ND;
}

bool hlex_is_print(int32_t r)
{
	if (r < 0x80)
		return r >= 0x20 && r < 0x7f;
	if (r > 0x10FFFF)
		return false;
	switch (utf8proc_category(r)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
	case UTF8PROC_CATEGORY_SM: case UTF8PROC_CATEGORY_SC: case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO: return true;
	default: return false;
	}
}

void hlex_format_U(hbuf *b, int32_t r)
{
	hbuf_printf(b, "U+%04X", (unsigned)r);
	if (hlex_is_print(r)) {
		char enc[4];
		utf8proc_ssize_t n = utf8proc_encode_char(r, (utf8proc_uint8_t *)enc);
		hbuf_puts(b, " '");
		hbuf_put(b, enc, (size_t)n);
		hbuf_putc(b, '\'');
	}
}

/* ---------------------------------------------------------------- rune reading */

static int32_t next(hlex *l)
{
	if (l->pos < l->len && (unsigned char)l->input[l->pos] < 0x80) { /* the common case */
		int32_t c = (unsigned char)l->input[l->pos++];
		l->last_w = 1;
		l->line += c == '\n';
		return c;
	}
	if (l->pos >= l->len) {
		l->at_eof = true;
		l->last_w = 0;
		return EOF_RUNE;
	}
	int32_t r;
	size_t w = hlex_decode(l->input + l->pos, l->len - l->pos, &r);
	l->pos += w;
	l->last_w = w;
	if (r == '\n')
		l->line++;
	return r;
}

/* Go's backup steps back over the last rune before pos (utf8.DecodeLastRuneInString), so it
 * can be repeated after a peek: lexSpace backs up before ` -}}` after peeking (a run of
 * spaces before a right trim marker, lang-engine/trim-two-spaces). */
static void backup(hlex *l)
{
	if (l->at_eof || l->pos == 0)
		return;
	if ((unsigned char)l->input[l->pos - 1] < 0x80) {
		l->pos--;
		l->line -= l->input[l->pos] == '\n';
		l->last_w = 0;
		return;
	}
	size_t s = l->pos - 1;
	while (s > 0 && l->pos - s < 4 && ((unsigned char)l->input[s] & 0xC0) == 0x80)
		s--;
	int32_t r;
	size_t w = hlex_decode(l->input + s, l->len - s, &r);
	l->pos -= s + w == l->pos ? w : 1;
	if (l->input[l->pos] == '\n')
		l->line--;
	l->last_w = 0;
}

static int32_t peek(hlex *l)
{
	int32_t r = next(l);
	backup(l);
	return r;
}

static bool accept(hlex *l, const char *valid)
{
	int32_t r = next(l);
	if (r > 0 && r < 0x80 && strchr(valid, (int)r))
		return true;
	backup(l);
	return false;
}

static void accept_run(hlex *l, const char *valid)
{
	for (;;) {
		int32_t r = next(l);
		if (!(r > 0 && r < 0x80 && strchr(valid, (int)r)))
			break;
	}
	backup(l);
}

static size_t count_nl(const char *s, size_t n)
{
	size_t c = 0;
	for (const char *e = s + n; (s = memchr(s, '\n', (size_t)(e - s))); s++)
		c++;
	return c;
}

static bool ascii_alnum(unsigned char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Steps over a run of alphanumeric runes, as the loop `for isAlphaNumeric(l.next())` and its
 * backup do (ASCII bytes without decoding; none of them is a newline). */
static void skip_alnum(hlex *l)
{
	while (l->pos < l->len) {
		unsigned char c = (unsigned char)l->input[l->pos];
		if (c < 0x80) {
			if (!ascii_alnum(c))
				return;
			l->pos++;
			continue;
		}
		int32_t r;
		size_t w = hlex_decode(l->input + l->pos, l->len - l->pos, &r);
		if (!hlex_is_alnum(r))
			return;
		l->pos += w;
	}
}

static bool has_prefix(const hlex *l, size_t at, const char *p)
{
	size_t n = strlen(p);
	return at <= l->len && l->len - at >= n && memcmp(l->input + at, p, n) == 0;
}

static bool left_trim_marker(const hlex *l, size_t at)
{
	return at + 2 <= l->len && l->input[at] == '-' && is_space((unsigned char)l->input[at + 1]);
}

static bool right_trim_marker(const hlex *l, size_t at)
{
	return at + 2 <= l->len && is_space((unsigned char)l->input[at]) && l->input[at + 1] == '-';
}

/* ---------------------------------------------------------------- items */

static enum state emit_item(hlex *l, hlex_item it)
{
	l->item = it;
	return S_DONE;
}

static hlex_item this_item(hlex *l, hlex_type t)
{
	hlex_item it = {t, l->start, l->input + l->start, l->pos - l->start, l->start_line};
	l->start = l->pos;
	l->start_line = l->line;
	return it;
}

static enum state emit(hlex *l, hlex_type t) { return emit_item(l, this_item(l, t)); }

static void ignore(hlex *l)
{
	l->line += (int)count_nl(l->input + l->start, l->pos - l->start);
	l->start = l->pos;
	l->start_line = l->line;
}

static enum state errorf(hlex *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static enum state errorf(hlex *l, const char *fmt, ...)
{
	char tmp[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof tmp)
		n = sizeof tmp - 1;
	char *m = harena_strndup(l->arena, tmp, (size_t)n);
	l->item = (hlex_item){HL_ERROR, l->start, m ? m : "out of memory", m ? (size_t)n : 13, l->start_line};
	l->start = l->pos = 0;
	l->len = 0;
	return S_DONE;
}

/* An error quoting a piece of input with %q (bad number syntax). */
static enum state error_quoted(hlex *l, const char *prefix, const char *s, size_t n)
{
	hbuf b = HBUF_INIT;
	hbuf_puts(&b, prefix);
	hstrconv_quote(&b, s, n, false);
	char *m = hbuf_ok(&b) ? harena_strndup(l->arena, b.data, b.len) : NULL;
	enum state st = errorf(l, "%s", m ? m : "out of memory");
	hbuf_free(&b);
	return st;
}

/* ---------------------------------------------------------------- states */

static size_t right_trim_length(const char *s, size_t n)
{
	size_t k = n;
	while (k > 0 && is_space((unsigned char)s[k - 1]))
		k--;
	return n - k;
}

static size_t left_trim_length(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && is_space((unsigned char)s[k]))
		k++;
	return k;
}

static enum state lex_text(hlex *l)
{
	const char *p = l->pos < l->len ? memmem(l->input + l->pos, l->len - l->pos, "{{", 2) : NULL;
	if (p) {
		size_t x = (size_t)(p - (l->input + l->pos));
		if (x > 0) {
			l->pos += x;
			size_t trim = 0;
			if (left_trim_marker(l, l->pos + 2))
				trim = right_trim_length(l->input + l->start, l->pos - l->start);
			l->pos -= trim;
			l->line += (int)count_nl(l->input + l->start, l->pos - l->start);
			hlex_item it = this_item(l, HL_TEXT);
			l->pos += trim;
			ignore(l);
			if (it.len > 0)
				return emit_item(l, it);
		}
		return S_LEFT_DELIM;
	}
	l->pos = l->len;
	if (l->pos > l->start) {
		l->line += (int)count_nl(l->input + l->start, l->pos - l->start);
		return emit(l, HL_TEXT);
	}
	return emit(l, HL_EOF);
}

/* atRightDelim: at "}}" or " -}}". */
static bool at_right_delim(const hlex *l, bool *trim)
{
	if (right_trim_marker(l, l->pos) && has_prefix(l, l->pos + 2, "}}")) {
		*trim = true;
		return true;
	}
	*trim = false;
	return has_prefix(l, l->pos, "}}");
}

static enum state lex_left_delim(hlex *l)
{
	l->pos += 2;
	bool trim = left_trim_marker(l, l->pos);
	size_t after = trim ? 2 : 0;
	if (has_prefix(l, l->pos + after, "/*")) {
		l->pos += after;
		ignore(l);
		return S_COMMENT;
	}
	hlex_item it = this_item(l, HL_LDELIM);
	l->inside_action = true;
	l->pos += after;
	ignore(l);
	l->paren_depth = 0;
	return emit_item(l, it);
}

static enum state lex_comment(hlex *l)
{
	l->pos += 2;
	const char *p = memmem(l->input + l->pos, l->len - l->pos, "*/", 2);
	if (!p)
		return errorf(l, "unclosed comment");
	l->pos = (size_t)(p - l->input) + 2;
	bool trim;
	if (!at_right_delim(l, &trim))
		return errorf(l, "comment ends before closing delimiter");
	l->line += (int)count_nl(l->input + l->start, l->pos - l->start);
	(void)this_item(l, HL_COMMENT); /* comments are not emitted (no ParseComments mode) */
	if (trim)
		l->pos += 2;
	l->pos += 2;
	if (trim)
		l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
	ignore(l);
	return S_TEXT;
}

static enum state lex_right_delim(hlex *l)
{
	bool trim;
	at_right_delim(l, &trim);
	if (trim) {
		l->pos += 2;
		ignore(l);
	}
	l->pos += 2;
	hlex_item it = this_item(l, HL_RDELIM);
	if (trim) {
		l->pos += left_trim_length(l->input + l->pos, l->len - l->pos);
		ignore(l);
	}
	l->inside_action = false;
	return emit_item(l, it);
}

static enum state lex_inside(hlex *l)
{
	bool trim;
	if (at_right_delim(l, &trim)) {
		if (l->paren_depth == 0)
			return S_RIGHT_DELIM;
		return errorf(l, "unclosed left paren");
	}
	int32_t r = next(l);
	if (r == EOF_RUNE)
		return errorf(l, "unclosed action");
	if (is_space(r)) {
		backup(l);
		return S_SPACE;
	}
	switch (r) {
	case '=': return emit(l, HL_ASSIGN);
	case ':':
		if (next(l) != '=')
			return errorf(l, "expected :=");
		return emit(l, HL_DECLARE);
	case '|': return emit(l, HL_PIPE);
	case '"': return S_QUOTE;
	case '`': return S_RAW;
	case '$': return S_VARIABLE;
	case '\'': return S_CHAR;
	case '(':
		l->paren_depth++;
		return emit(l, HL_LPAREN);
	case ')':
		l->paren_depth--;
		if (l->paren_depth < 0)
			return errorf(l, "unexpected right paren");
		return emit(l, HL_RPAREN);
	case '.':
		if (l->pos < l->len) {
			char c = l->input[l->pos];
			if (c < '0' || c > '9')
				return S_FIELD;
		}
		backup(l);
		return S_NUMBER;
	}
	if (r == '+' || r == '-' || (r >= '0' && r <= '9')) {
		backup(l);
		return S_NUMBER;
	}
	if (hlex_is_alnum(r)) {
		backup(l);
		return S_IDENT;
	}
	if (r < 0x80 && hlex_is_print(r))
		return emit(l, HL_CHAR);
	hbuf b = HBUF_INIT;
	hlex_format_U(&b, r);
	enum state st = errorf(l, "unrecognized character in action: %s", hbuf_cstr(&b));
	hbuf_free(&b);
	return st;
}

static enum state lex_space(hlex *l)
{
	int spaces = 0;
	while (l->pos < l->len && is_space((unsigned char)l->input[l->pos])) { /* next() inlined */
		l->line += l->input[l->pos++] == '\n';
		l->last_w = 1;
		spaces++;
	}
	if (l->pos >= l->len) /* the final peek at the end sets the sticky flag */
		l->at_eof = true, l->last_w = 0;
	if (right_trim_marker(l, l->pos - 1) && has_prefix(l, l->pos + 1, "}}")) {
		backup(l);
		if (spaces == 1)
			return S_RIGHT_DELIM;
	}
	return emit(l, HL_SPACE);
}

/* Go's atTerminator: peek() without reading the rune twice (a peek at the end sets at_eof). */
static bool at_terminator(hlex *l)
{
	if (l->pos >= l->len) {
		l->at_eof = true;
		l->last_w = 0;
		return true;
	}
	unsigned char c = (unsigned char)l->input[l->pos];
	if (is_space(c))
		return true;
	switch (c) {
	case '.': case ',': case '|': case ':': case ')': case '(': return true;
	}
	return has_prefix(l, l->pos, "}}");
}

static enum state bad_char(hlex *l, int32_t r)
{
	hbuf b = HBUF_INIT;
	if (r == EOF_RUNE)
		hbuf_puts(&b, "U+FFFFFFFFFFFFFFFF"); /* %#U of rune(-1) */
	else
		hlex_format_U(&b, r);
	enum state st = errorf(l, "bad character %s", hbuf_cstr(&b));
	hbuf_free(&b);
	return st;
}

static const struct { const char *w; size_t n; hlex_type t; } keywords[] = {
	{".", 1, HL_DOT},         {"block", 5, HL_BLOCK}, {"break", 5, HL_BREAK},
	{"continue", 8, HL_CONTINUE}, {"define", 6, HL_DEFINE}, {"else", 4, HL_ELSE},
	{"end", 3, HL_END},       {"if", 2, HL_IF},       {"range", 5, HL_RANGE},
	{"nil", 3, HL_NIL},       {"template", 8, HL_TEMPLATE}, {"with", 4, HL_WITH},
};

static enum state lex_ident(hlex *l)
{
	skip_alnum(l);
	if (!at_terminator(l))
		return bad_char(l, peek(l));
	const char *w = l->input + l->start;
	size_t n = l->pos - l->start;
	for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++) {
		if (keywords[i].n != n || memcmp(keywords[i].w, w, n) != 0)
			continue;
		hlex_type t = keywords[i].t;
		if ((t == HL_BREAK && !l->break_ok) || (t == HL_CONTINUE && !l->continue_ok))
			return emit(l, HL_IDENT);
		return emit(l, t);
	}
	if (w[0] == '.')
		return emit(l, HL_FIELD);
	if ((n == 4 && memcmp(w, "true", 4) == 0) || (n == 5 && memcmp(w, "false", 5) == 0))
		return emit(l, HL_BOOL);
	return emit(l, HL_IDENT);
}

static enum state lex_field_or_var(hlex *l, hlex_type t)
{
	if (at_terminator(l))
		return emit(l, t == HL_VARIABLE ? HL_VARIABLE : HL_DOT);
	skip_alnum(l);
	if (!at_terminator(l))
		return bad_char(l, peek(l));
	return emit(l, t);
}

/* Go's lexChar and lexQuote: up to the closing quote, a backslash escaping any rune but a
 * newline; the escapes themselves are checked when the parser unquotes. */
static enum state lex_escaped(hlex *l, int32_t close, const char *unterminated, hlex_type t)
{
	for (;;) {
		int32_t r = next(l);
		if (r == '\\')
			r = next(l);
		else if (r == close)
			break;
		if (r == EOF_RUNE || r == '\n')
			return errorf(l, "%s", unterminated);
	}
	return emit(l, t);
}

static enum state lex_char(hlex *l)
{
	return lex_escaped(l, '\'', "unterminated character constant", HL_CHARCONST);
}

static bool scan_number(hlex *l)
{
	accept(l, "+-");
	const char *digits = "0123456789_";
	if (accept(l, "0")) {
		if (accept(l, "xX"))
			digits = "0123456789abcdefABCDEF_";
		else if (accept(l, "oO"))
			digits = "01234567_";
		else if (accept(l, "bB"))
			digits = "01_";
	}
	accept_run(l, digits);
	if (accept(l, "."))
		accept_run(l, digits);
	size_t dn = strlen(digits);
	if (dn == 11 && accept(l, "eE")) {
		accept(l, "+-");
		accept_run(l, "0123456789_");
	}
	if (dn == 23 && accept(l, "pP")) {
		accept(l, "+-");
		accept_run(l, "0123456789_");
	}
	accept(l, "i");
	if (hlex_is_alnum(peek(l))) {
		next(l);
		return false;
	}
	return true;
}

static enum state lex_number(hlex *l)
{
	if (!scan_number(l))
		return error_quoted(l, "bad number syntax: ", l->input + l->start, l->pos - l->start);
	int32_t sign = peek(l);
	if (sign == '+' || sign == '-') {
		if (!scan_number(l) || l->input[l->pos - 1] != 'i')
			return error_quoted(l, "bad number syntax: ", l->input + l->start, l->pos - l->start);
		return emit(l, HL_COMPLEX);
	}
	return emit(l, HL_NUMBER);
}

static enum state lex_quote(hlex *l)
{
	return lex_escaped(l, '"', "unterminated quoted string", HL_STRING);
}

static enum state lex_raw(hlex *l)
{
	const char *s = l->input + l->pos, *q = memchr(s, '`', l->len - l->pos);
	if (!q)
		return errorf(l, "unterminated raw quoted string");
	l->line += (int)count_nl(s, (size_t)(q - s));
	l->pos += (size_t)(q - s) + 1;
	l->last_w = 1;
	return emit(l, HL_RAWSTRING);
}

hlex_item hlex_next(hlex *l)
{
	l->item = (hlex_item){HL_EOF, l->pos, "EOF", 3, l->start_line};
	enum state st = l->inside_action ? S_INSIDE : S_TEXT;
	while (st != S_DONE) {
		switch (st) {
		case S_TEXT: st = lex_text(l); break;
		case S_LEFT_DELIM: st = lex_left_delim(l); break;
		case S_COMMENT: st = lex_comment(l); break;
		case S_RIGHT_DELIM: st = lex_right_delim(l); break;
		case S_INSIDE: st = lex_inside(l); break;
		case S_SPACE: st = lex_space(l); break;
		case S_IDENT: st = lex_ident(l); break;
		case S_FIELD: st = lex_field_or_var(l, HL_FIELD); break;
		case S_VARIABLE: st = at_terminator(l) ? emit(l, HL_VARIABLE) : lex_field_or_var(l, HL_VARIABLE); break;
		case S_CHAR: st = lex_char(l); break;
		case S_NUMBER: st = lex_number(l); break;
		case S_QUOTE: st = lex_quote(l); break;
		case S_RAW: st = lex_raw(l); break;
		case S_DONE: break;
		}
	}
	return l->item;
}

void hlex_item_string(const hlex_item *it, hbuf *b)
{
	if (it->typ == HL_EOF) {
		hbuf_puts(b, "EOF");
	} else if (it->typ == HL_ERROR) {
		hbuf_put(b, it->val, it->len);
	} else if (it->typ > HL_KEYWORD) {
		hbuf_putc(b, '<');
		hbuf_put(b, it->val, it->len);
		hbuf_putc(b, '>');
	} else {
		/* %.10q: at most 10 runes, then quoted; "..." after when longer. */
		size_t n = 0, runes = 0;
		while (n < it->len && runes < 10) {
			int32_t r;
			n += hlex_decode(it->val + n, it->len - n, &r);
			runes++;
		}
		hstrconv_quote(b, it->val, n, false);
		if (it->len > 10)
			hbuf_puts(b, "...");
	}
}
