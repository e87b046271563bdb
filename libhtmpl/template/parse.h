/* parse.h - the template AST (Go's text/template/parse/node.go) and the template set.
 *
 * Parse errors are Go's exact text, `template: NAME:LINE: MSG`; the Helm layer rewrites them
 * (parse error at (...)).
 *
 * Nodes carry Go's byte positions and a pointer to their tree, whose text and parse name
 * give execution errors their `FILE:LINE:COL` and `<NODE>` parts (hnode_string reproduces
 * Go's Node.String()). All nodes of a set live in the set's arena; trees parsed by `tpl`
 * during a render live in the render's arena. */
#ifndef HTMPL_PARSE_H
#define HTMPL_PARSE_H

#include "value/env.h"

typedef struct htset htset;

/* A new, empty set whose function table is env's (borrowed). */
htset *htset_new(const henv *env);
void htset_free(htset *s);
/* Parses text as template `name` (copied). Its {{define}}s join the set; a later parse
 * replaces earlier definitions of the same name (Go's AddParseTree), except that an empty
 * redefinition never replaces a non-empty one. The text is copied. */
bool htset_parse(htset *s, const char *name, const char *text, size_t len, herr *err);
bool htset_has(const htset *s, const char *name);

typedef enum hnode_type {
	HN_TEXT, HN_ACTION, HN_BOOL, HN_CHAIN, HN_COMMAND, HN_DOT, HN_ELSE, HN_END, HN_FIELD,
	HN_IDENT, HN_IF, HN_LIST, HN_NIL, HN_NUMBER, HN_PIPE, HN_RANGE, HN_STRING, HN_TEMPLATE,
	HN_VARIABLE, HN_WITH, HN_COMMENT, HN_BREAK, HN_CONTINUE,
} hnode_type;

typedef struct hnode hnode;

typedef struct htree {
	const char *name;       /* template name: the file, or the define's name */
	const char *parse_name; /* the file it was parsed from (error locations) */
	const char *text;       /* the whole file text (shared by its defines) */
	size_t len;
	hnode *root;            /* HN_LIST */
} htree;

typedef struct hident {
	const char *s;
	size_t n;
} hident;

struct hnode {
	uint8_t type;
	size_t pos;
	const htree *tree;
	union {
		struct { const char *s; size_t n; } text;        /* TEXT, IDENT (s is NUL-terminated) */
		struct { const char *quoted; size_t qn; hstr *val; } str; /* STRING */
		struct { hnode **v; size_t n, cap; } list;       /* LIST; COMMAND args */
		struct {
			hnode **cmds; size_t ncmds, capcmds;
			hnode **decl; size_t ndecl, capdecl;
			bool is_assign;
		} pipe;
		hnode *action;                                   /* ACTION: its pipe */
		struct { hnode *pipe, *list, *else_list; } branch; /* IF RANGE WITH */
		struct { hident *ids; size_t n; hnode *node; } field; /* FIELD VARIABLE; CHAIN (node) */
		struct { const char *name; size_t n; hnode *pipe; } tmpl; /* TEMPLATE (pipe may be NULL) */
		struct {
			bool is_int, is_uint, is_float, is_complex;
			bool float_text; /* spelled as a float: exec's idealConstant picks float64 */
			int64_t i;
			uint64_t u;
			double f, re, im;
			const char *text; size_t n;
		} num;
		bool b;
	};
};

/* Go's Node.String() appended to b. */
void hnode_string(const hnode *n, hbuf *b);
/* Go's ErrorContext location: "PARSENAME:LINE:COL". */
void hnode_location(const hnode *n, hbuf *b, int *line, int *col);
/* IsEmptyTree */
bool hnode_is_empty(const hnode *n);

/* The set: name -> tree, with an optional parent consulted on a miss (tpl's overlay). */
struct htset {
	const henv *env;
	harena *arena;        /* owned unless borrowed */
	bool own_arena;
	const char *name;     /* the root template's name ("gotpl" in Helm) */
	htree **tab;          /* open addressing, malloc'ed */
	size_t cap, n;
	const htset *parent;
};

/* A new set layered over parent whose trees are allocated in arena a (borrowed). */
htset *htset_overlay(const htset *parent, harena *a);
/* The root name used in "no template %q associated with template %q". */
void htset_set_name(htset *s, const char *name);
/* htset_parse, also returning the top-level tree (tpl executes it even when an empty
 * redefinition left the set unchanged, as Go executes the parsed *Template). */
bool hparse_into(htset *s, const char *name, const char *text, size_t len, const htree **top,
                 herr *err);
/* One file parsed on its own, ready to join any set: its trees in the order they commit (its
 * {{define}}s, then the file's own tree), after the file's own rule on repeated names. The
 * parse depends only on the text, the name, the environment's function names and its parse
 * depth limit, never on a set: so files parse on several threads, and a loaded chart keeps
 * its parses for every render (helm/parse_cache.c). */
typedef struct hparsed {
	htree **trees;
	size_t n;
	const htree *top; /* the file's own tree */
} hparsed;
/* Parses text as template `name` into arena a (nodes, the copied text and name). */
bool hparse_file(const henv *env, harena *a, const char *name, const char *text, size_t len,
                 hparsed *out, herr *err);
/* Adds a parse to the set as htset_parse would have (the trees are borrowed: their arena must
 * outlive the set's use). False on out of memory. */
bool htset_add_parsed(htset *s, const hparsed *p);
/* Lookup through the overlays; NULL when undefined. */
const htree *htset_lookup(const htset *s, const char *name, size_t n);

#endif
