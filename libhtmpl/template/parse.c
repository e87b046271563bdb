/* parse.c - the template parser and the template set, reproducing Go's
 * text/template/parse/parse.go and the set logic of text/template/template.go (Go 1.23).
 *
 * Hand-written recursive descent with Go's three-token lookahead, so Go's error texts and
 * line numbers fall out: `template: NAME:LINE: MSG`. Each {{define}} and {{block}} gets its
 * own tree with its own lookahead state, as in Go, because Go reports a parse error at the
 * line of the erroring tree's last read token. Errors unwind with longjmp: the parser calls
 * no callbacks and allocates only in the set's arena, so nothing is skipped but stack.
 *
 * Set rules (AddParseTree/associate): a later parse replaces a definition, unless the new
 * tree is empty (whitespace and comments only) and an old one exists. Within one parse a
 * second non-empty definition is `multiple definition of template`. */
#include "template/parse.h"
#include "core/stack.h"
#include "template/lex.h"
#include "core/strconv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* State shared by every tree of one parse. */
typedef struct pshared {
	hlex lex;
	const henv *env;
	harena *a;
	const char *parse_name;
	const char *text;
	size_t len;
	htree **trees; /* the parse's own tree set, committed at the end */
	size_t ntrees, captrees;
	uint64_t depth, max_depth; /* C recursion guard */
	const char *stack_limit;
	bool stack_known; /* looked up lazily: shallow parses (tpl) never pay for it */
	hbuf msg;
	int msg_line; /* the line fail() put in msg, for htmpl_error.line */
	jmp_buf jb;
} pshared;

/* State of one tree being parsed (Go's *Tree parsing fields). */
typedef struct tparser {
	pshared *sh;
	htree *t;
	hlex_item token[3];
	int peek_count;
	hident *vars;
	size_t nvars, capvars;
	int action_line, range_depth, stack_depth;
} tparser;

static const uint64_t max_stack_depth = 10000; /* Go's maxStackDepth for parentheses */

/* ---------------------------------------------------------------- errors */

static void fail(tparser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
static void fail(tparser *p, const char *fmt, ...)
{
	pshared *sh = p->sh;
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	hbuf_reset(&sh->msg);
	hbuf_printf(&sh->msg, "template: %s:%d: ", sh->parse_name, p->token[0].line);
	sh->msg_line = p->token[0].line;
	hbuf_put(&sh->msg, tmp, n < 0 ? 0 : (size_t)n >= sizeof tmp ? sizeof tmp - 1 : (size_t)n);
	longjmp(sh->jb, 1);
}

static void nomem(pshared *sh) __attribute__((noreturn));
static void nomem(pshared *sh)
{
	hbuf_reset(&sh->msg);
	hbuf_puts(&sh->msg, "out of memory");
	longjmp(sh->jb, 2);
}

static void *alloc(pshared *sh, size_t n)
{
	void *p = harena_zalloc(sh->a, n);
	if (!p)
		nomem(sh);
	return p;
}

static char *dupn(pshared *sh, const char *s, size_t n)
{
	char *d = harena_strndup(sh->a, s, n);
	if (!d)
		nomem(sh);
	return d;
}

static void grow(pshared *sh, void **v, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return;
	size_t nc = *cap ? *cap * 2 : 4;
	void *nv = harena_realloc(sh->a, *v, *cap * elem, nc * elem);
	if (!nv)
		nomem(sh);
	*v = nv;
	*cap = nc;
}

#define PUSH(sh, arr, n, cap, x)                                                 \
	do {                                                                     \
		grow((sh), (void **)&(arr), &(cap), (n), sizeof *(arr));          \
		(arr)[(n)++] = (x);                                              \
	} while (0)

/* ---------------------------------------------------------------- tokens */

static hlex_item next(tparser *p)
{
	if (p->peek_count > 0)
		p->peek_count--;
	else
		p->token[0] = hlex_next(&p->sh->lex);
	return p->token[p->peek_count];
}

static void backup(tparser *p) { p->peek_count++; }

static void backup2(tparser *p, hlex_item t1)
{
	p->token[1] = t1;
	p->peek_count = 2;
}

static void backup3(tparser *p, hlex_item t2, hlex_item t1)
{
	p->token[1] = t1;
	p->token[2] = t2;
	p->peek_count = 3;
}

static hlex_item peek(tparser *p)
{
	if (p->peek_count > 0)
		return p->token[p->peek_count - 1];
	p->peek_count = 1;
	p->token[0] = hlex_next(&p->sh->lex);
	return p->token[0];
}

static hlex_item next_non_space(tparser *p)
{
	hlex_item t;
	do
		t = next(p);
	while (t.typ == HL_SPACE);
	return t;
}

static hlex_item peek_non_space(tparser *p)
{
	hlex_item t = next_non_space(p);
	backup(p);
	return t;
}

static void unexpected(tparser *p, const hlex_item *tok, const char *context) __attribute__((noreturn));
static void unexpected(tparser *p, const hlex_item *tok, const char *context)
{
	hbuf b = HBUF_INIT;
	if (tok->typ == HL_ERROR) {
		hbuf_put(&b, tok->val, tok->len);
		if (p->action_line != 0 && p->action_line != tok->line) {
			bool action = tok->len >= 7 && memcmp(tok->val + tok->len - 7, " action", 7) == 0;
			/* Go drops " in action" after a message ending in " action" */
			hbuf_printf(&b, "%s started at %s:%d", action ? "" : " in action", p->sh->parse_name,
			            p->action_line);
		}
	} else {
		hbuf_puts(&b, "unexpected ");
		hlex_item_string(tok, &b);
		hbuf_printf(&b, " in %s", context);
	}
	char *m = dupn(p->sh, hbuf_cstr(&b), b.len);
	hbuf_free(&b);
	fail(p, "%s", m);
}

static hlex_item expect(tparser *p, hlex_type t, const char *context)
{
	hlex_item tok = next_non_space(p);
	if (tok.typ != t)
		unexpected(p, &tok, context);
	return tok;
}

/* ---------------------------------------------------------------- nodes */

static hnode *new_node(tparser *p, hnode_type type, size_t pos)
{
	hnode *n = alloc(p->sh, sizeof *n);
	n->type = (uint8_t)type;
	n->pos = pos;
	n->tree = p->t;
	return n;
}

static void list_append(tparser *p, hnode *list, hnode *x)
{
	PUSH(p->sh, list->list.v, list->list.n, list->list.cap, x);
}

/* Splits "a.b.c" (after an optional leading '.') into idents. */
static void split_idents(tparser *p, hnode *n, const char *s, size_t len)
{
	size_t cap = 0;
	n->field.ids = NULL;
	n->field.n = 0;
	size_t i = 0;
	for (;;) {
		size_t j = i;
		while (j < len && s[j] != '.')
			j++;
		hident id = {dupn(p->sh, s + i, j - i), j - i};
		PUSH(p->sh, n->field.ids, n->field.n, cap, id);
		if (j >= len)
			break;
		i = j + 1;
	}
}

static hnode *new_field(tparser *p, size_t pos, const char *s, size_t n)
{
	hnode *f = new_node(p, HN_FIELD, pos);
	split_idents(p, f, s + 1, n - 1);
	return f;
}

static hnode *new_variable(tparser *p, size_t pos, const char *s, size_t n)
{
	hnode *v = new_node(p, HN_VARIABLE, pos);
	split_idents(p, v, s, n);
	return v;
}

/* ---------------------------------------------------------------- numbers */

static bool has_any(const char *s, size_t n, const char *set)
{
	for (size_t i = 0; i < n; i++)
		if (strchr(set, s[i]))
			return true;
	return false;
}

/* The int and uint views of a float constant that is integral (Go's newNumber). */
static void set_float(hnode *n, double f)
{
	n->num.is_float = true;
	n->num.f = f;
	n->num.is_int =
		f >= -9223372036854775808.0 && f < 9223372036854775808.0 && (double)(int64_t)f == f;
	if (n->num.is_int)
		n->num.i = (int64_t)f;
	n->num.is_uint = f >= 0 && f < 18446744073709551616.0 && (double)(uint64_t)f == f;
	if (n->num.is_uint)
		n->num.u = (uint64_t)f;
}

static void simplify_complex(hnode *n)
{
	if (n->num.im == 0)
		set_float(n, n->num.re);
}

/* Go's idealConstant makes a constant float64 only when its text looks like one: not a hex
 * integer, not a character, and containing one of ".eEpP" (lang/number-literals). */
static bool float_text(const char *t, size_t n)
{
	bool hex_int = n > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X') && !has_any(t, n, "pP");
	return !hex_int && !(n > 0 && t[0] == '\'') && has_any(t, n, ".eEpP");
}

static void fail_quoted(tparser *p, const char *what, const char *text, size_t len)
	__attribute__((noreturn));
static void fail_quoted(tparser *p, const char *what, const char *text, size_t len)
{
	hbuf b = HBUF_INIT;
	hstrconv_quote(&b, text, len, false);
	char *q = dupn(p->sh, hbuf_cstr(&b), b.len);
	hbuf_free(&b);
	fail(p, "%s%s", what, q);
}

/* A character constant (Go's newNumber): strconv.UnquoteChar after the opening quote, whose
 * error is "invalid syntax" (`''`, lang/err-lit-char-empty); anything but the closing quote
 * after the character is a malformed constant (`'ab'`). */
static void number_char(tparser *p, hnode *n, const char *text, size_t len)
{
	int32_t r = 0;
	bool multibyte = false;
	size_t w = len > 1 ? hstrconv_unquote_char(text + 1, len - 1, '\'', &r, &multibyte) : 0;
	if (w == 0)
		fail(p, "invalid syntax");
	if (len - 1 - w != 1 || text[len - 1] != '\'')
		fail(p, "malformed character constant: %.*s", (int)len, text);
	n->num.i = r;
	n->num.u = (uint64_t)r;
	n->num.f = r;
	n->num.is_int = n->num.is_uint = n->num.is_float = true;
}

/* "1+2i": fmt.Sscan of a complex. */
static bool parse_complex(const char *s, size_t n, double *re, double *im)
{
	size_t k = n;
	while (k > 1 && s[k - 1] != '+' && s[k - 1] != '-')
		k--;
	if (k <= 1 || s[n - 1] != 'i')
		return false;
	k--;
	return hstrconv_parse_float(s, k, re) == 0 && hstrconv_parse_float(s + k, n - k - 1, im) == 0;
}

static hnode *new_number(tparser *p, size_t pos, const char *text, size_t len, hlex_type typ)
{
	hnode *n = new_node(p, HN_NUMBER, pos);
	n->num.text = dupn(p->sh, text, len);
	n->num.n = len;
	n->num.float_text = float_text(text, len);
	if (typ == HL_CHARCONST) {
		number_char(p, n, text, len);
		return n;
	}
	if (typ == HL_COMPLEX) {
		if (!parse_complex(text, len, &n->num.re, &n->num.im))
			fail(p, "expected integer");
		n->num.is_complex = true;
		simplify_complex(n);
		return n;
	}
	if (len > 0 && text[len - 1] == 'i') {
		double f;
		if (hstrconv_parse_float(text, len - 1, &f) == 0) {
			n->num.is_complex = true;
			n->num.re = 0;
			n->num.im = f;
			simplify_complex(n);
			return n;
		}
	}
	uint64_t u;
	int64_t i;
	if (hstrconv_parse_uint(text, len, 0, &u) == 0) {
		n->num.is_uint = true;
		n->num.u = u;
	}
	if (hstrconv_parse_int(text, len, 0, &i) == 0) {
		n->num.is_int = true;
		n->num.i = i;
		if (i == 0) {
			n->num.is_uint = true;
			n->num.u = u;
		}
	}
	if (n->num.is_int) {
		n->num.is_float = true;
		n->num.f = (double)n->num.i;
	} else if (n->num.is_uint) {
		n->num.is_float = true;
		n->num.f = (double)n->num.u;
	} else {
		double f;
		if (hstrconv_parse_float(text, len, &f) == 0) {
			if (!has_any(text, len, ".eEpP"))
				fail_quoted(p, "integer overflow: ", text, len);
			set_float(n, f);
		}
	}
	if (!n->num.is_int && !n->num.is_uint && !n->num.is_float)
		fail_quoted(p, "illegal number syntax: ", text, len);
	return n;
}

/* ---------------------------------------------------------------- grammar */

static hnode *pipeline(tparser *p, const char *context, hlex_type end);
static hnode *item_list(tparser *p, hnode **next_out);
static void add_tree(tparser *p);

static void enter(tparser *p)
{
	pshared *sh = p->sh;
	if (sh->depth >= 64 && !sh->stack_known) {
		sh->stack_limit = hstack_limit();
		sh->stack_known = true;
	}
	if (++sh->depth > sh->max_depth || (sh->stack_limit && HSTACK_HERE() < sh->stack_limit))
		fail(p, "max nesting depth exceeded");
}

static void leave(tparser *p) { p->sh->depth--; }

/* A {{block}} or {{define}} body must close with {{end}} ({{else}} is Go's "unexpected"). */
static void expect_end(tparser *p, const hnode *end, const char *context)
{
	if (end->type == HN_END)
		return;
	hbuf b = HBUF_INIT;
	hnode_string(end, &b);
	char *m = dupn(p->sh, hbuf_cstr(&b), b.len);
	hbuf_free(&b);
	fail(p, "unexpected %s in %s", m, context);
}

static bool has_function(const pshared *sh, const char *name, size_t n)
{
	return sh->env && henv_lookup(sh->env, name, n) != NULL;
}

static void push_var(tparser *p, const char *s, size_t n)
{
	hident id = {s, n};
	PUSH(p->sh, p->vars, p->nvars, p->capvars, id);
}

/* A string token's value: strconv.Unquote, "invalid syntax" on failure. */
static hstr *unquote(tparser *p, const hlex_item *tok)
{
	hbuf out = HBUF_INIT;
	bool ok = hstrconv_unquote(tok->val, tok->len, &out);
	if (!ok || !hbuf_ok(&out)) {
		hbuf_free(&out);
		if (ok)
			nomem(p->sh);
		fail(p, "invalid syntax");
	}
	hstr *s = hstr_new(p->sh->a, out.data ? out.data : "", out.len);
	hbuf_free(&out);
	if (!s)
		nomem(p->sh);
	return s;
}

static hnode *use_var(tparser *p, size_t pos, const char *s, size_t n)
{
	hnode *v = new_variable(p, pos, s, n);
	const hident *name = &v->field.ids[0];
	for (size_t i = 0; i < p->nvars; i++)
		if (p->vars[i].n == name->n && memcmp(p->vars[i].s, name->s, name->n) == 0)
			return v;
	fail(p, "undefined variable \"%s\"", name->s);
}

/* term: literal | function | . | .Field | $ | '(' pipeline ')'. NULL: not a term. */
static hnode *term(tparser *p)
{
	hlex_item tok = next_non_space(p);
	switch (tok.typ) {
	case HL_IDENT: {
		if (!has_function(p->sh, tok.val, tok.len))
			fail(p, "function \"%s\" not defined", dupn(p->sh, tok.val, tok.len));
		hnode *n = new_node(p, HN_IDENT, tok.pos);
		n->text.s = dupn(p->sh, tok.val, tok.len);
		n->text.n = tok.len;
		return n;
	}
	case HL_DOT: return new_node(p, HN_DOT, tok.pos);
	case HL_NIL: return new_node(p, HN_NIL, tok.pos);
	case HL_VARIABLE: return use_var(p, tok.pos, tok.val, tok.len);
	case HL_FIELD: return new_field(p, tok.pos, tok.val, tok.len);
	case HL_BOOL: {
		hnode *n = new_node(p, HN_BOOL, tok.pos);
		n->b = tok.len == 4;
		return n;
	}
	case HL_CHARCONST:
	case HL_COMPLEX:
	case HL_NUMBER: return new_number(p, tok.pos, tok.val, tok.len, tok.typ);
	case HL_LPAREN: {
		if ((uint64_t)p->stack_depth >= max_stack_depth)
			fail(p, "max expression depth exceeded");
		p->stack_depth++;
		enter(p);
		hnode *n = pipeline(p, "parenthesized pipeline", HL_RPAREN);
		leave(p);
		p->stack_depth--;
		return n;
	}
	case HL_STRING:
	case HL_RAWSTRING: {
		hnode *n = new_node(p, HN_STRING, tok.pos);
		n->str.val = unquote(p, &tok);
		n->str.quoted = dupn(p->sh, tok.val, tok.len);
		n->str.qn = tok.len;
		return n;
	}
	default:
		backup(p);
		return NULL;
	}
}

/* operand: term .Field* */
static hnode *operand(tparser *p)
{
	hnode *node = term(p);
	if (!node)
		return NULL;
	if (peek(p).typ != HL_FIELD)
		return node;
	hnode *chain = new_node(p, HN_CHAIN, peek(p).pos);
	chain->field.node = node;
	size_t cap = 0;
	while (peek(p).typ == HL_FIELD) {
		hlex_item f = next(p);
		hident id = {dupn(p->sh, f.val + 1, f.len - 1), f.len - 1};
		PUSH(p->sh, chain->field.ids, chain->field.n, cap, id);
	}
	switch (node->type) {
	case HN_FIELD:
	case HN_VARIABLE: {
		/* Go re-parses chain.String() into one field/variable node at the chain's position. */
		hbuf b = HBUF_INIT;
		hnode_string(chain, &b);
		if (!hbuf_ok(&b))
			nomem(p->sh);
		hnode *n = node->type == HN_FIELD ? new_field(p, chain->pos, b.data, b.len)
		                                   : new_variable(p, chain->pos, b.data, b.len);
		hbuf_free(&b);
		return n;
	}
	case HN_BOOL:
	case HN_STRING:
	case HN_NUMBER:
	case HN_NIL:
	case HN_DOT: {
		hbuf b = HBUF_INIT, q = HBUF_INIT;
		hnode_string(node, &b);
		hstrconv_quote(&q, b.data ? b.data : "", b.len, false);
		char *m = dupn(p->sh, hbuf_cstr(&q), q.len);
		hbuf_free(&b);
		hbuf_free(&q);
		fail(p, "unexpected . after term %s", m);
	}
	default: return chain;
	}
}

/* command: operand (space operand)* */
static hnode *command(tparser *p)
{
	hnode *cmd = new_node(p, HN_COMMAND, peek_non_space(p).pos);
	for (;;) {
		peek_non_space(p);
		hnode *op = operand(p);
		if (op)
			list_append(p, cmd, op);
		hlex_item tok = next(p);
		if (tok.typ == HL_SPACE)
			continue;
		if (tok.typ == HL_RDELIM || tok.typ == HL_RPAREN)
			backup(p);
		else if (tok.typ != HL_PIPE)
			unexpected(p, &tok, "operand");
		break;
	}
	if (cmd->list.n == 0)
		fail(p, "empty command");
	return cmd;
}

static void check_pipeline(tparser *p, hnode *pipe, const char *context)
{
	if (pipe->pipe.ncmds == 0)
		fail(p, "missing value for %s", context);
	for (size_t i = 1; i < pipe->pipe.ncmds; i++) {
		switch (pipe->pipe.cmds[i]->list.v[0]->type) {
		case HN_BOOL: case HN_DOT: case HN_NIL: case HN_NUMBER: case HN_STRING:
			fail(p, "non executable command in pipeline stage %zu", i + 1);
		}
	}
}

static void add_decl(tparser *p, hnode *pipe, const hlex_item *v)
{
	hnode *var = new_variable(p, v->pos, v->val, v->len);
	PUSH(p->sh, pipe->pipe.decl, pipe->pipe.ndecl, pipe->pipe.capdecl, var);
	push_var(p, v->val, v->len);
}

/* pipeline: declarations? command ('|' command)* */
static hnode *pipeline(tparser *p, const char *context, hlex_type end)
{
	hlex_item tok = peek_non_space(p);
	hnode *pipe = new_node(p, HN_PIPE, tok.pos);
decls:;
	hlex_item v = peek_non_space(p);
	if (v.typ == HL_VARIABLE) {
		next(p);
		hlex_item after = peek(p);
		hlex_item nx = peek_non_space(p);
		if (nx.typ == HL_ASSIGN || nx.typ == HL_DECLARE) {
			pipe->pipe.is_assign = nx.typ == HL_ASSIGN;
			next_non_space(p);
			add_decl(p, pipe, &v);
		} else if (nx.typ == HL_CHAR && nx.len == 1 && nx.val[0] == ',') {
			next_non_space(p);
			add_decl(p, pipe, &v);
			if (strcmp(context, "range") == 0 && pipe->pipe.ndecl < 2) {
				hlex_type t = peek_non_space(p).typ;
				if (t == HL_VARIABLE || t == HL_RDELIM || t == HL_RPAREN)
					goto decls;
				fail(p, "range can only initialize variables");
			}
			fail(p, "too many declarations in %s", context);
		} else if (after.typ == HL_SPACE) {
			backup3(p, v, after);
		} else {
			backup2(p, v);
		}
	}
	for (;;) {
		hlex_item t = next_non_space(p);
		if (t.typ == end) {
			check_pipeline(p, pipe, context);
			return pipe;
		}
		switch (t.typ) {
		case HL_BOOL: case HL_CHARCONST: case HL_COMPLEX: case HL_DOT: case HL_FIELD:
		case HL_IDENT: case HL_NUMBER: case HL_NIL: case HL_RAWSTRING: case HL_STRING:
		case HL_VARIABLE: case HL_LPAREN: {
			backup(p);
			hnode *cmd = command(p);
			PUSH(p->sh, pipe->pipe.cmds, pipe->pipe.ncmds, pipe->pipe.capcmds, cmd);
			break;
		}
		default: unexpected(p, &t, context);
		}
	}
}

static hnode *if_control(tparser *p);
static hnode *with_control(tparser *p);

/* parseControl: pipeline itemList ({{else}} itemList)? {{end}} */
static hnode *parse_control(tparser *p, hnode_type type, const char *context)
{
	size_t mark = p->nvars;
	enter(p);
	hnode *pipe = pipeline(p, context, HL_RDELIM);
	if (type == HN_RANGE)
		p->range_depth++;
	hnode *next_node, *list = item_list(p, &next_node), *else_list = NULL;
	if (type == HN_RANGE)
		p->range_depth--;
	if (next_node->type == HN_ELSE) {
		if (type == HN_IF && peek(p).typ == HL_IF) {
			next(p);
			else_list = new_node(p, HN_LIST, next_node->pos);
			list_append(p, else_list, if_control(p));
		} else if (type == HN_WITH && peek(p).typ == HL_WITH) {
			next(p);
			else_list = new_node(p, HN_LIST, next_node->pos);
			list_append(p, else_list, with_control(p));
		} else {
			else_list = item_list(p, &next_node);
			if (next_node->type != HN_END) {
				hbuf b = HBUF_INIT;
				hnode_string(next_node, &b);
				char *m = dupn(p->sh, hbuf_cstr(&b), b.len);
				hbuf_free(&b);
				fail(p, "expected end; found %s", m);
			}
		}
	}
	leave(p);
	p->nvars = mark;
	hnode *n = new_node(p, type, pipe->pos);
	n->branch.pipe = pipe;
	n->branch.list = list;
	n->branch.else_list = else_list;
	return n;
}

static hnode *if_control(tparser *p) { return parse_control(p, HN_IF, "if"); }
static hnode *with_control(tparser *p) { return parse_control(p, HN_WITH, "with"); }

static hnode *break_continue(tparser *p, const hlex_item *kw, bool is_break)
{
	hlex_item tok = next_non_space(p);
	const char *ctx = is_break ? "{{break}}" : "{{continue}}";
	if (tok.typ != HL_RDELIM)
		unexpected(p, &tok, ctx);
	if (p->range_depth == 0)
		fail(p, "%s outside {{range}}", ctx);
	return new_node(p, is_break ? HN_BREAK : HN_CONTINUE, kw->pos);
}

static hnode *else_control(tparser *p)
{
	hlex_item pk = peek_non_space(p);
	if (pk.typ == HL_IF || pk.typ == HL_WITH)
		return new_node(p, HN_ELSE, pk.pos);
	hlex_item tok = expect(p, HL_RDELIM, "else");
	return new_node(p, HN_ELSE, tok.pos);
}

static const char *template_name(tparser *p, const hlex_item *tok, const char *context, size_t *n)
{
	if (tok->typ != HL_STRING && tok->typ != HL_RAWSTRING)
		unexpected(p, tok, context);
	hstr *s = unquote(p, tok);
	*n = s->len;
	return s->data;
}

static hnode *new_template(tparser *p, const hlex_item *tok, const char *name, size_t n, hnode *pipe)
{
	hnode *t = new_node(p, HN_TEMPLATE, tok->pos);
	t->tmpl.name = name;
	t->tmpl.n = n;
	t->tmpl.pipe = pipe;
	return t;
}

static hnode *template_control(tparser *p)
{
	hlex_item tok = next_non_space(p);
	size_t n;
	const char *name = template_name(p, &tok, "template clause", &n);
	hnode *pipe = NULL;
	if (next_non_space(p).typ != HL_RDELIM) {
		backup(p);
		pipe = pipeline(p, "template clause", HL_RDELIM);
	}
	return new_template(p, &tok, name, n, pipe);
}

static void start_tree(tparser *np, tparser *parent, const char *name)
{
	memset(np, 0, sizeof *np);
	np->sh = parent->sh;
	np->t = alloc(parent->sh, sizeof(htree));
	np->t->name = name;
	np->t->parse_name = parent->sh->parse_name;
	np->t->text = parent->sh->text;
	np->t->len = parent->sh->len;
	push_var(np, "$", 1);
}

static hnode *block_control(tparser *p)
{
	const char *context = "block clause";
	hlex_item tok = next_non_space(p);
	size_t n;
	const char *name = template_name(p, &tok, context, &n);
	hnode *pipe = pipeline(p, context, HL_RDELIM);
	tparser bp;
	start_tree(&bp, p, name);
	enter(p);
	hnode *end;
	bp.t->root = item_list(&bp, &end);
	leave(p);
	expect_end(p, end, context);
	add_tree(&bp);
	return new_template(p, &tok, name, n, pipe);
}

/* action: control | command ('|' command)* ; the left delimiter is past. */
static hnode *action(tparser *p)
{
	hlex_item tok = next_non_space(p);
	switch (tok.typ) {
	case HL_BLOCK: return block_control(p);
	case HL_BREAK: return break_continue(p, &tok, true);
	case HL_CONTINUE: return break_continue(p, &tok, false);
	case HL_ELSE: return else_control(p);
	case HL_END: return new_node(p, HN_END, expect(p, HL_RDELIM, "end").pos);
	case HL_IF: return if_control(p);
	case HL_RANGE: return parse_control(p, HN_RANGE, "range");
	case HL_TEMPLATE: return template_control(p);
	case HL_WITH: return with_control(p);
	default: break;
	}
	backup(p);
	hlex_item t = peek(p);
	hnode *a = new_node(p, HN_ACTION, t.pos);
	a->action = pipeline(p, "command", HL_RDELIM);
	return a;
}

static hnode *text_or_action(tparser *p)
{
	hlex_item tok = next_non_space(p);
	switch (tok.typ) {
	case HL_TEXT: {
		hnode *n = new_node(p, HN_TEXT, tok.pos);
		n->text.s = tok.val; /* points into the set's copy of the text */
		n->text.n = tok.len;
		return n;
	}
	case HL_LDELIM: {
		p->action_line = tok.line;
		hnode *n = action(p);
		p->action_line = 0;
		return n;
	}
	case HL_COMMENT: {
		hnode *n = new_node(p, HN_COMMENT, tok.pos);
		n->text.s = tok.val;
		n->text.n = tok.len;
		return n;
	}
	default: unexpected(p, &tok, "input");
	}
}

/* itemList: textOrAction* up to {{end}} or {{else}}, returned in *next_out. */
static hnode *item_list(tparser *p, hnode **next_out)
{
	hnode *list = new_node(p, HN_LIST, peek_non_space(p).pos);
	while (peek_non_space(p).typ != HL_EOF) {
		hnode *n = text_or_action(p);
		if (n->type == HN_END || n->type == HN_ELSE) {
			*next_out = n;
			return list;
		}
		list_append(p, list, n);
	}
	fail(p, "unexpected EOF");
}

/* Tree.add: into this parse's own tree set. */
static void add_tree(tparser *p)
{
	pshared *sh = p->sh;
	for (size_t i = 0; i < sh->ntrees; i++) {
		htree *old = sh->trees[i];
		if (strcmp(old->name, p->t->name) != 0)
			continue;
		if (hnode_is_empty(old->root)) {
			sh->trees[i] = p->t;
			return;
		}
		if (!hnode_is_empty(p->t->root))
			fail(p, "template: multiple definition of template \"%s\"", p->t->name);
		return;
	}
	PUSH(sh, sh->trees, sh->ntrees, sh->captrees, p->t);
}

static void parse_definition(tparser *p)
{
	const char *context = "define clause";
	hlex_item tok = next_non_space(p);
	if (tok.typ != HL_STRING && tok.typ != HL_RAWSTRING)
		unexpected(p, &tok, context);
	p->t->name = unquote(p, &tok)->data;
	expect(p, HL_RDELIM, context);
	hnode *end;
	p->t->root = item_list(p, &end);
	expect_end(p, end, context);
	add_tree(p);
}

/* The top level: itemList plus {{define}}, to EOF. */
static void parse_top(tparser *p)
{
	p->t->root = new_node(p, HN_LIST, peek(p).pos);
	while (peek(p).typ != HL_EOF) {
		if (peek(p).typ == HL_LDELIM) {
			hlex_item delim = next(p);
			if (next_non_space(p).typ == HL_DEFINE) {
				tparser dp;
				start_tree(&dp, p, "definition");
				enter(p);
				parse_definition(&dp);
				leave(p);
				continue;
			}
			backup2(p, delim);
		}
		hnode *n = text_or_action(p);
		if (n->type == HN_END || n->type == HN_ELSE) {
			hbuf b = HBUF_INIT;
			hnode_string(n, &b);
			char *m = dupn(p->sh, hbuf_cstr(&b), b.len);
			hbuf_free(&b);
			fail(p, "unexpected %s", m);
		}
		list_append(p, p->t->root, n);
	}
}

/* ---------------------------------------------------------------- node printing */

static void write_quoted(hbuf *b, const char *s, size_t n) { hstrconv_quote(b, s, n, false); }

static void write_pipe(const hnode *p, hbuf *b)
{
	for (size_t i = 0; i < p->pipe.ndecl; i++) {
		if (i)
			hbuf_puts(b, ", ");
		hnode_string(p->pipe.decl[i], b);
	}
	if (p->pipe.ndecl)
		hbuf_puts(b, p->pipe.is_assign ? " = " : " := ");
	for (size_t i = 0; i < p->pipe.ncmds; i++) {
		if (i)
			hbuf_puts(b, " | ");
		hnode_string(p->pipe.cmds[i], b);
	}
}

static void write_branch(const hnode *n, hbuf *b, const char *name)
{
	hbuf_printf(b, "{{%s ", name);
	hnode_string(n->branch.pipe, b);
	hbuf_puts(b, "}}");
	hnode_string(n->branch.list, b);
	if (n->branch.else_list) {
		hbuf_puts(b, "{{else}}");
		hnode_string(n->branch.else_list, b);
	}
	hbuf_puts(b, "{{end}}");
}

void hnode_string(const hnode *n, hbuf *b)
{
	switch ((hnode_type)n->type) {
	case HN_TEXT: hbuf_put(b, n->text.s, n->text.n); break;
	case HN_COMMENT:
		hbuf_puts(b, "{{");
		hbuf_put(b, n->text.s, n->text.n);
		hbuf_puts(b, "}}");
		break;
	case HN_ACTION:
		hbuf_puts(b, "{{");
		write_pipe(n->action, b);
		hbuf_puts(b, "}}");
		break;
	case HN_PIPE: write_pipe(n, b); break;
	case HN_LIST:
		for (size_t i = 0; i < n->list.n; i++)
			hnode_string(n->list.v[i], b);
		break;
	case HN_COMMAND:
		for (size_t i = 0; i < n->list.n; i++) {
			if (i)
				hbuf_putc(b, ' ');
			if (n->list.v[i]->type == HN_PIPE) {
				hbuf_putc(b, '(');
				write_pipe(n->list.v[i], b);
				hbuf_putc(b, ')');
			} else {
				hnode_string(n->list.v[i], b);
			}
		}
		break;
	case HN_IDENT: hbuf_put(b, n->text.s, n->text.n); break;
	case HN_VARIABLE:
		for (size_t i = 0; i < n->field.n; i++) {
			if (i)
				hbuf_putc(b, '.');
			hbuf_put(b, n->field.ids[i].s, n->field.ids[i].n);
		}
		break;
	case HN_FIELD:
		for (size_t i = 0; i < n->field.n; i++) {
			hbuf_putc(b, '.');
			hbuf_put(b, n->field.ids[i].s, n->field.ids[i].n);
		}
		break;
	case HN_CHAIN:
		if (n->field.node->type == HN_PIPE) {
			hbuf_putc(b, '(');
			write_pipe(n->field.node, b);
			hbuf_putc(b, ')');
		} else {
			hnode_string(n->field.node, b);
		}
		for (size_t i = 0; i < n->field.n; i++) {
			hbuf_putc(b, '.');
			hbuf_put(b, n->field.ids[i].s, n->field.ids[i].n);
		}
		break;
	case HN_DOT: hbuf_putc(b, '.'); break;
	case HN_NIL: hbuf_puts(b, "nil"); break;
	case HN_BOOL: hbuf_puts(b, n->b ? "true" : "false"); break;
	case HN_NUMBER: hbuf_put(b, n->num.text, n->num.n); break;
	case HN_STRING: hbuf_put(b, n->str.quoted, n->str.qn); break;
	case HN_END: hbuf_puts(b, "{{end}}"); break;
	case HN_ELSE: hbuf_puts(b, "{{else}}"); break;
	case HN_BREAK: hbuf_puts(b, "{{break}}"); break;
	case HN_CONTINUE: hbuf_puts(b, "{{continue}}"); break;
	case HN_IF: write_branch(n, b, "if"); break;
	case HN_RANGE: write_branch(n, b, "range"); break;
	case HN_WITH: write_branch(n, b, "with"); break;
	case HN_TEMPLATE:
		hbuf_puts(b, "{{template ");
		write_quoted(b, n->tmpl.name, n->tmpl.n);
		if (n->tmpl.pipe) {
			hbuf_putc(b, ' ');
			write_pipe(n->tmpl.pipe, b);
		}
		hbuf_puts(b, "}}");
		break;
	}
}

void hnode_location(const hnode *n, hbuf *b, int *line, int *col)
{
	const htree *t = n->tree;
	size_t pos = n->pos <= t->len ? n->pos : t->len;
	size_t nl = 0, last = (size_t)-1;
	for (size_t i = 0; i < pos; i++)
		if (t->text[i] == '\n') {
			nl++;
			last = i;
		}
	size_t c = last == (size_t)-1 ? pos : pos - (last + 1);
	hbuf_printf(b, "%s:%zu:%zu", t->parse_name, nl + 1, c);
	if (line)
		*line = (int)(nl + 1);
	if (col)
		*col = (int)c;
}

static bool is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
			continue;
		if (c == 0xC2 && i + 1 < n && ((unsigned char)s[i + 1] == 0x85 || (unsigned char)s[i + 1] == 0xA0)) {
			i++; /* U+0085, U+00A0: unicode.IsSpace, as bytes.TrimSpace uses */
			continue;
		}
		return false;
	}
	return true;
}

bool hnode_is_empty(const hnode *n)
{
	if (!n)
		return true;
	switch (n->type) {
	case HN_COMMENT: return true;
	case HN_LIST:
		for (size_t i = 0; i < n->list.n; i++)
			if (!hnode_is_empty(n->list.v[i]))
				return false;
		return true;
	case HN_TEXT: return is_blank(n->text.s, n->text.n);
	default: return false;
	}
}

/* ---------------------------------------------------------------- the set */

static htree **slot(const htset *s, const char *name, size_t n)
{
	size_t mask = s->cap - 1;
	for (size_t i = hv_hash_bytes(name, n) & mask;; i = (i + 1) & mask) {
		htree **e = &s->tab[i];
		if (!*e || (strlen((*e)->name) == n && memcmp((*e)->name, name, n) == 0))
			return e;
	}
}

static bool set_put(htset *s, htree *t)
{
	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16;
		htree **old = s->tab;
		size_t oldcap = s->cap;
		s->tab = calloc(cap, sizeof *s->tab);
		if (!s->tab) {
			s->tab = old;
			return false;
		}
		s->cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				*slot(s, old[i]->name, strlen(old[i]->name)) = old[i];
		free(old);
	}
	htree **e = slot(s, t->name, strlen(t->name));
	if (!*e)
		s->n++;
	*e = t;
	return true;
}

const htree *htset_lookup(const htset *s, const char *name, size_t n)
{
	for (; s; s = s->parent) {
		if (!s->cap)
			continue;
		htree *t = *slot(s, name, n);
		if (t)
			return t;
	}
	return NULL;
}

htset *htset_new(const henv *env)
{
	htset *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->env = env;
	s->name = "gotpl";
	s->own_arena = true;
	if (!(s->arena = harena_new())) {
		free(s);
		return NULL;
	}
	return s;
}

htset *htset_overlay(const htset *parent, harena *a)
{
	htset *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->env = parent->env;
	s->name = parent->name;
	s->arena = a;
	s->parent = parent;
	return s;
}

void htset_set_name(htset *s, const char *name)
{
	char *d = harena_strdup(s->arena, name);
	if (d)
		s->name = d;
}

void htset_free(htset *s)
{
	if (!s)
		return;
	free(s->tab);
	if (s->own_arena)
		harena_free(s->arena);
	free(s);
}

bool htset_has(const htset *s, const char *name)
{
	return htset_lookup(s, name, strlen(name)) != NULL;
}

/* Commits a parse (Template.AddParseTree / associate): a later tree replaces an earlier one
 * of its name, except that an empty one never replaces a defined one. */
static bool commit(htset *s, htree *const *trees, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		htree *t = trees[i];
		const htree *old = htset_lookup(s, t->name, strlen(t->name));
		if (old && hnode_is_empty(t->root))
			continue;
		if (!set_put(s, t))
			return false;
	}
	return true;
}

bool htset_parse(htset *s, const char *name, const char *text, size_t len, herr *err)
{
	return hparse_into(s, name, text, len, NULL, err);
}

bool hparse_file(const henv *env, harena *a, const char *name, const char *text, size_t len,
                 hparsed *out, herr *err)
{
	pshared *sh = calloc(1, sizeof *sh);
	if (!sh)
		return herr_nomem(err);
	sh->env = env;
	sh->a = a;
	sh->max_depth = env ? env->limits[HTMPL_LIMIT_PARSE_DEPTH] : 10000;
	if (!sh->max_depth)
		sh->max_depth = 10000;
	bool ok = false;
	char *pname = harena_strdup(a, name);
	char *copy = harena_strndup(a, text ? text : "", text ? len : 0);
	if (!pname || !copy) {
		free(sh);
		return herr_nomem(err);
	}
	sh->parse_name = pname;
	sh->text = copy;
	sh->len = text ? len : 0;
	hlex_init(&sh->lex, copy, sh->len, a);
	sh->lex.break_ok = !has_function(sh, "break", 5);
	sh->lex.continue_ok = !has_function(sh, "continue", 8);
	tparser top;
	memset(&top, 0, sizeof top);
	top.sh = sh;
	int jr = setjmp(sh->jb);
	if (jr == 0) {
		top.t = alloc(sh, sizeof(htree));
		top.t->name = pname;
		top.t->parse_name = pname;
		top.t->text = copy;
		top.t->len = sh->len;
		push_var(&top, "$", 1);
		parse_top(&top);
		add_tree(&top);
		out->top = top.t;
		out->n = sh->ntrees;
		out->trees = harena_alloc(a, (sh->ntrees ? sh->ntrees : 1) * sizeof *out->trees);
		ok = out->trees || herr_nomem(err);
		if (ok)
			memcpy(out->trees, sh->trees, sh->ntrees * sizeof *out->trees);
	} else if (jr == 2 || !hbuf_ok(&sh->msg)) {
		herr_nomem(err);
	} else {
		herr_setn(err, HTMPL_ERR_PARSE, sh->msg.data, sh->msg.len);
		herr_where(err, pname, sh->msg_line, 0);
	}
	hbuf_free(&sh->msg);
	free(sh);
	return ok;
}

bool htset_add_parsed(htset *s, const hparsed *p)
{
	return commit(s, p->trees, p->n);
}

bool hparse_into(htset *s, const char *name, const char *text, size_t len, const htree **top_out,
                 herr *err)
{
	hparsed p;
	if (!hparse_file(s->env, s->arena, name, text, len, &p, err))
		return false;
	if (!htset_add_parsed(s, &p))
		return herr_nomem(err);
	if (top_out)
		*top_out = p.top;
	return true;
}
