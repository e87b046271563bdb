/* value.h - the value model: Go's dynamic types as a Helm template sees them.
 *
 * hv is the public htmpl_value. Containers live in an arena and are shared by reference,
 * like Go maps and slices: `set`, `merge` and `append`-into-place mutate what they are given.
 * A render therefore works on its own copy of the values (hv_deep_copy).
 *
 * Type facts (HELM-SURFACE.md §3): YAML numbers are float64, --set integers int64, template
 * literals int. HT_INVALID is reflect's zero Value (a missing key once a pipeline ends);
 * HT_NIL is a nil interface {} (YAML null). Both are "nil" for most purposes; the executor
 * keeps them apart where Go's messages differ. */
#ifndef HTMPL_VALUE_H
#define HTMPL_VALUE_H

#include "core/arena.h"
#include "core/buf.h"
#include "htmpl.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef htmpl_value hv;
typedef htmpl_str hstr;
typedef htmpl_list hlist;
typedef htmpl_map hmap;
typedef htmpl_object hobj;
typedef htmpl_call hcall;

enum {
	HT_INVALID = HTMPL_T_INVALID,
	HT_NIL = HTMPL_T_NIL,
	HT_BOOL = HTMPL_T_BOOL,
	HT_INT = HTMPL_T_INT,
	HT_INT64 = HTMPL_T_INT64,
	HT_INT32 = HTMPL_T_INT32,
	HT_UINT8 = HTMPL_T_UINT8,
	HT_UINT32 = HTMPL_T_UINT32,
	HT_UINT64 = HTMPL_T_UINT64,
	HT_FLOAT64 = HTMPL_T_FLOAT64,
	HT_COMPLEX = HTMPL_T_COMPLEX128,
	HT_STRING = HTMPL_T_STRING,
	HT_BYTES = HTMPL_T_BYTES,
	HT_LIST = HTMPL_T_LIST,
	HT_STRLIST = HTMPL_T_STRLIST,
	HT_INTLIST = HTMPL_T_INTLIST,
	HT_MAP = HTMPL_T_MAP,
	HT_STRMAP = HTMPL_T_STRMAP,
	HT_VALUES = HTMPL_T_VALUES,
	HT_OBJECT = HTMPL_T_OBJECT,
	HT_LISTLIST = HTMPL_T_LISTLIST,
};

/* reflect.Kind, for kindOf, comparisons and the executor. */
typedef enum hv_kind {
	HK_INVALID, HK_BOOL, HK_INT, HK_INT32, HK_INT64, HK_UINT8, HK_UINT32, HK_UINT64,
	HK_FLOAT64, HK_COMPLEX128, HK_STRING, HK_SLICE, HK_MAP, HK_STRUCT, HK_PTR, HK_INTERFACE,
	HK_FUNC,
} hv_kind;

struct htmpl_str {
	size_t len;
	char data[]; /* len bytes, then a NUL */
};

struct htmpl_list {
	size_t len, cap;
	hv *v;
	harena *arena; /* where v grows */
	/* The Go type of an HT_LIST that is not []interface {} ("[]*chart.Maintainer"), for %T,
	 * %#v and typeOf; NULL otherwise. Copies (append, deepCopy ...) are []interface {}. */
	const char *go_type;
};

typedef struct hmap_entry {
	hstr *key;
	hv val;
} hmap_entry;

struct htmpl_map {
	hmap_entry *e;   /* dense, insertion order; deleted entries have key == NULL */
	size_t n, cap;   /* used slots in e (including deleted), capacity */
	size_t live;     /* entries with a key */
	uint32_t *index; /* open addressing: 0 = empty, else entry index + 1 */
	size_t nindex;   /* power of two */
	hmap_entry **sorted; /* cache of live entries in byte order of key; NULL when stale */
	harena *arena;
};

/* An object: a Go struct, pointer or named type that templates reach by field or method. */
typedef struct hobj_method {
	const char *name;
	htmpl_func fn; /* argv[0] is the receiver */
	const char *sig; /* parameters after the receiver, as htmpl_env_add_func */
	/* NULL for one result (or a result and an error). Else the results text/template's
	 * goodFunc refuses: "3" (three results) or the second result's Go type ("int"); fn is
	 * then NULL and calling the method fails with Go's text. */
	const char *bad_results;
} hobj_method;

typedef struct hobj_class {
	const char *type_name; /* %T and typeOf: "*chartutil.Capabilities", "time.Time" */
	hv_kind kind;          /* kindOf: HK_PTR, HK_STRUCT, HK_MAP ... (an HK_INT class holds an
	                        * int in data, an HK_INT64 class an int64_t: fmt prints the number) */
	/* Field lookup. True and *out when the struct has that field; false otherwise
	 * (the executor then tries methods, then reports Go's error). */
	bool (*field)(const hobj *o, const char *name, size_t len, hv *out);
	const hobj_method *methods;
	size_t nmethods;
	/* %v text (Go prints structs as {f1 f2}, Stringers with String()). NULL: "{}". */
	void (*format)(const hobj *o, hbuf *b);
	/* JSON/YAML marshalling view (toJson, toYaml): fill *out with a map or scalar. NULL: {} */
	bool (*marshal)(const hobj *o, harena *a, hv *out);
	/* fmt's reflection view for the verbs that bypass String() (%d, %t, %#v ...): the
	 * struct's fields, unexported ones included, in declaration order, with their Go types
	 * (uint64 as HT_UINT64, a nil pointer as an object of a HK_PTR class with NULL data).
	 * Returns how many (at most max); with names NULL, how many there are. A HK_MAP class
	 * gives its keys as names and prints as a map. NULL: the class has no such view. */
	size_t (*gofields)(const hobj *o, harena *a, const char **names, hv *vals, size_t max);
	/* GoString() for %#v, or NULL. */
	void (*gostring)(const hobj *o, hbuf *b);
} hobj_class;

struct htmpl_object {
	const hobj_class *cls;
	void *data;
};

/* ---- constructors (all allocate in the arena; NULL/false on out of memory) */
static inline hv hv_invalid(void) { hv v = {0}; return v; }
static inline hv hv_nil(void) { hv v = {.type = HT_NIL}; return v; }
static inline hv hv_bool(bool b) { hv v = {.type = HT_BOOL}; v.b = b; return v; }
static inline hv hv_int(int64_t i) { hv v = {.type = HT_INT}; v.i = i; return v; }
static inline hv hv_int64(int64_t i) { hv v = {.type = HT_INT64}; v.i = i; return v; }
static inline hv hv_float(double f) { hv v = {.type = HT_FLOAT64}; v.f = f; return v; }
static inline hv hv_of_str(hstr *s) { hv v = {.type = HT_STRING}; v.s = s; return v; }
static inline hv hv_of_list(uint8_t t, hlist *l) { hv v = {.type = t}; v.l = l; return v; }
static inline hv hv_of_map(uint8_t t, hmap *m) { hv v = {.type = t}; v.m = m; return v; }
static inline hv hv_of_obj(hobj *o) { hv v = {.type = HT_OBJECT}; v.o = o; return v; }

hstr *hstr_new(harena *a, const char *s, size_t n);
hstr *hstr_cstr(harena *a, const char *s);
/* The empty string, shared and static. */
hstr *hstr_empty(void);
/* Makes a string value; false on out of memory. */
bool hv_string(harena *a, const char *s, size_t n, hv *out);

hlist *hlist_new(harena *a, size_t cap);
bool hlist_push(hlist *l, hv v);

/* FNV-1a of n bytes: the hash of hmap, the function registry and the template set. */
uint32_t hv_hash_bytes(const char *s, size_t n);
hmap *hmap_new(harena *a, size_t cap);
hv *hmap_get(const hmap *m, const char *key, size_t klen); /* NULL when absent */
static inline hv *hmap_gets(const hmap *m, const char *key) { return hmap_get(m, key, __builtin_strlen(key)); }
/* Inserts or replaces. The key is copied unless it is given as an hstr (hmap_set_str). */
bool hmap_set(hmap *m, const char *key, size_t klen, hv v);
bool hmap_set_str(hmap *m, hstr *key, hv v);
bool hmap_del(hmap *m, const char *key, size_t klen);
static inline size_t hmap_len(const hmap *m) { return m ? m->live : 0; }
/* Live entries sorted by key bytes (Go's fmt and range order). The array belongs to the map
 * and is valid until the map changes. NULL on out of memory (or an empty map: check len). */
hmap_entry **hmap_sorted(hmap *m);

/* ---- the writer guard of a parallel render (helm/render_jobs.c)
 *
 * Between hv_guard_begin(W) and hv_guard_end() on one thread, every container that was not
 * allocated in arena W is read-only to that thread: hmap_set, hmap_set_str, hmap_del and
 * hlist_push on it fail (as out of memory would) and hv_guard_end() returns true, so the
 * render can throw the task away and run serially, in Helm's order. hmap_sorted of such a
 * map sorts into W and leaves the map's cache alone. Without a guard nothing is checked. */
void hv_guard_begin(const harena *writer);
bool hv_guard_end(void); /* true when a write was refused since hv_guard_begin */
/* Fills the sorted-view cache of every map in v (unguarded, before the threads start), so that
 * guarded threads ranging over shared maps find it made. depth: 0. */
void hv_presort(const hv *v, int depth);

/* ---- inspection */
hv_kind hv_kind_of(const hv *v);
const char *hv_kind_name(hv_kind k);  /* reflect.Kind.String(): "map", "slice", "invalid" ... */
const char *hv_type_name(const hv *v); /* %T: "float64", "[]interface {}", "<nil>" ... */
static inline bool hv_is_nil(const hv *v) { return v->type == HT_INVALID || v->type == HT_NIL; }
static inline bool hv_is_list(const hv *v)
{
	return (v->type >= HT_LIST && v->type <= HT_INTLIST) || v->type == HT_LISTLIST;
}
static inline bool hv_is_map(const hv *v) { return v->type >= HT_MAP && v->type <= HT_VALUES; }

/* hv.flags bit: an empty list that stands for Go's nil slice (fromJsonArray "null", rest of
 * an empty list, regexFindAll with no match ...). It acts as an empty list everywhere except
 * where Go tells nil from empty: JSON and YAML marshalling print null, %#v prints T(nil),
 * toToml leaves the key out, and reflect.DeepEqual and eq's isNil. (Bit 0x80 is the
 * executor's HV_F_IFACE, exec.h.) A list value with l == NULL is a nil slice too. */
#define HV_F_NILSLICE 0x40
/* An HT_VALUES that helm 4 hands a template: Go calls its type common.Values, where helm 3's
 * is chartutil.Values (reflect/reflect-typeOf-values). Set by the helm layer, read by
 * hv_type_name only. */
#define HV_F_COMMON 0x20
static inline bool hv_is_nil_slice(const hv *v)
{
	return hv_is_list(v) && (!v->l || (v->flags & HV_F_NILSLICE));
}
/* Marks list value V, which must be empty, as a nil slice. */
static inline void hv_set_nil_slice(hv *v) { v->flags |= HV_F_NILSLICE; }
static inline bool hv_is_str(const hv *v) { return v->type == HT_STRING; }
static inline bool hv_is_int(const hv *v) { return v->type >= HT_INT && v->type <= HT_INT32; }
static inline bool hv_is_uint(const hv *v) { return v->type >= HT_UINT8 && v->type <= HT_UINT64; }
/* Go text/template truth (isTrue): false, 0, nil and empty string/list/map are false;
 * objects are true. */
bool hv_truth(const hv *v);
/* Sprig's `empty`: like !truth, but also for structs (never empty). */
bool hv_empty(const hv *v);
/* reflect.DeepEqual */
bool hv_deep_equal(const hv *a, const hv *b);
/* Copies maps and lists recursively into arena a (strings and objects are shared). */
bool hv_deep_copy(harena *a, const hv *v, hv *out);

#endif
