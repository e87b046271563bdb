/* fmt.c - Go's fmt package over htmpl values (src/fmt/print.go, src/fmt/format.go):
 * Sprint, Sprintln, Sprintf with every verb, flag, width, precision, argument index and
 * error form (%!d(float64=1.5), %!d(MISSING), %!(EXTRA ...), %!(BADWIDTH) ...), and the
 * %v / %+v / %#v printing of every value type.
 *
 * The shape follows Go: a printer state (flags, width, precision) formats one operand at
 * a time; containers recurse with the same state, so `%5d` pads every element of a list.
 * Top-level operands are interface values (nil prints <nil>); elements of []interface {}
 * and map[string]interface {} are interfaces too, and a nil one prints <nil> whatever the
 * verb. hfmt_value is the hot path of every render and skips the machinery for strings,
 * integers and floats. */
#include "value/fmt.h"

#include "core/strconv.h"
#include "core/utf8.h"

#include <string.h>

/* A pointer Go's fmt prints as an address (fmtPointer, %p). Addresses differ from run to
 * run, so htmpl prints one fixed address, 0xc000010000 (docs/DIFFERENCES.md). */
#define FAKE_ADDRESS 0xc000010000ull

/* Go's fmt recursion has no limit and overflows its stack on a cyclic map; we stop. */
#define MAX_DEPTH 1000

typedef struct pf {
	hbuf *b;
	int wid, prec;
	bool wid_p, prec_p, minus, plus, sharp, space, zero;
	bool plus_v, sharp_v; /* %+v and %#v: set at the verb, with plus/sharp cleared */
	bool erroring;        /* inside %!verb(...): no Stringer calls */
} pf;

static const char ldigits[] = "0123456789abcdefx";
static const char udigits[] = "0123456789ABCDEFX";

static void print_arg(pf *p, const hv *v, int32_t verb);
static void print_value(pf *p, const hv *v, int32_t verb, int depth);

static void clear_flags(pf *p)
{
	hbuf *b = p->b;
	memset(p, 0, sizeof *p);
	p->b = b;
}

static void put_rune(hbuf *b, int32_t r)
{
	char t[4];
	hbuf_put(b, t, hutf8_encode(r, t));
}

/* ------------------------------------------------------------------ padding */

static void write_padding(pf *p, int n)
{
	if (n > 0)
		hbuf_putn(p->b, p->zero && !p->minus ? '0' : ' ', (size_t)n);
}

/* Writes s padded to the width in runes, on the left unless '-'. */
static void pad(pf *p, const char *s, size_t n)
{
	if (!p->wid_p || p->wid == 0) {
		hbuf_put(p->b, s, n);
		return;
	}
	int width = p->wid - (int)hutf8_count(s, n);
	if (!p->minus) {
		write_padding(p, width);
		hbuf_put(p->b, s, n);
	} else {
		hbuf_put(p->b, s, n);
		write_padding(p, width);
	}
}

static void pad_cstr(pf *p, const char *s) { pad(p, s, strlen(s)); }

/* pad() with zero padding off: numbers do their own zero fill. */
static void pad_nozero(pf *p, const char *s, size_t n)
{
	bool z = p->zero;
	p->zero = false;
	pad(p, s, n);
	p->zero = z;
}

/* ------------------------------------------------------------------ integers */

/* format.go fmtInteger: precision or zero flag give leading zeros, then prefix and sign. */
static void fmt_integer(pf *p, uint64_t u, int base, bool is_signed, int32_t verb,
                        const char *digits)
{
	bool negative = is_signed && (int64_t)u < 0;
	if (negative)
		u = -u;
	int prec = 0;
	if (p->prec_p) {
		prec = p->prec;
		if (prec == 0 && u == 0) {
			bool z = p->zero;
			p->zero = false;
			write_padding(p, p->wid);
			p->zero = z;
			return;
		}
	} else if (p->zero && !p->minus && p->wid_p) {
		prec = p->wid;
		if (negative || p->plus || p->space)
			prec--; /* room for the sign */
	}
	char dig[64];
	int nd = 0;
	do {
		dig[nd++] = digits[u % (unsigned)base];
		u /= (unsigned)base;
	} while (u);
	int zeros = prec > nd ? prec - nd : 0;
	char pre[6];
	int np = 0;
	if (negative)
		pre[np++] = '-';
	else if (p->plus)
		pre[np++] = '+';
	else if (p->space)
		pre[np++] = ' ';
	if (verb == 'O') {
		pre[np++] = '0';
		pre[np++] = 'o';
	}
	if (p->sharp) {
		if (base == 2) {
			pre[np++] = '0';
			pre[np++] = 'b';
		} else if (base == 16) {
			pre[np++] = '0';
			pre[np++] = digits[16];
		} else if (base == 8 && zeros == 0 && dig[nd - 1] != '0') {
			zeros = 1;
		}
	}
	/* Go's prefix order is sign, 0o, 0x/0b; %#O never happens twice in practice. */
	int total = np + zeros + nd;
	int padn = p->wid_p ? p->wid - total : 0;
	if (!p->minus && padn > 0)
		hbuf_putn(p->b, ' ', (size_t)padn);
	hbuf_put(p->b, pre, (size_t)np);
	hbuf_putn(p->b, '0', (size_t)zeros);
	for (int i = nd - 1; i >= 0; i--)
		hbuf_putc(p->b, dig[i]);
	if (p->minus && padn > 0)
		hbuf_putn(p->b, ' ', (size_t)padn);
}

/* format.go fmtUnicode: U+0041, and with '#' U+0041 'A' when printable. */
static void fmt_unicode(pf *p, uint64_t u)
{
	int prec = p->prec_p && p->prec > 4 ? p->prec : 4;
	char dig[17];
	int nd = 0;
	uint64_t x = u;
	do {
		dig[nd++] = udigits[x & 15];
		x >>= 4;
	} while (x);
	hbuf t = HBUF_INIT;
	hbuf_puts(&t, "U+");
	if (prec > nd)
		hbuf_putn(&t, '0', (size_t)(prec - nd));
	while (nd)
		hbuf_putc(&t, dig[--nd]);
	if (p->sharp && u <= HUTF8_MAX && hutf8_is_print((int32_t)u)) {
		hbuf_puts(&t, " '");
		put_rune(&t, (int32_t)u);
		hbuf_putc(&t, '\'');
	}
	if (!hbuf_ok(&t))
		p->b->oom = true;
	pad_nozero(p, t.data, t.len);
	hbuf_free(&t);
}

static void fmt_c(pf *p, uint64_t u)
{
	char t[4];
	int32_t r = u > HUTF8_MAX ? HUTF8_ERROR : (int32_t)u;
	pad(p, t, hutf8_encode(r, t));
}

static void fmt_qc(pf *p, uint64_t u)
{
	hbuf q = HBUF_INIT;
	int32_t r = u > HUTF8_MAX ? HUTF8_ERROR : (int32_t)u;
	hstrconv_quote_rune(&q, r, p->plus);
	if (!hbuf_ok(&q))
		p->b->oom = true;
	pad(p, q.data, q.len);
	hbuf_free(&q);
}

/* ------------------------------------------------------------------ floats */

/* '#' on a float keeps the decimal point and restores trailing zeros up to the precision
 * (%g, %v and %x count significant digits from the first non-zero one). */
static void sharp_float(hbuf *sh, const char *num, size_t n, int32_t verb, int prec)
{
	int digits = 0;
	if (verb == 'v' || verb == 'g' || verb == 'G' || verb == 'x')
		digits = prec == -1 ? 6 : prec;
	size_t tail = n;
	bool point = false, nonzero = false;
	for (size_t i = 1; i < n; i++) {
		char c = num[i];
		if (c == '.') {
			point = true;
		} else if (c == 'p' || c == 'P' ||
		           ((c == 'e' || c == 'E') && verb != 'x' && verb != 'X')) {
			tail = i;
			break;
		} else {
			if (c != '0')
				nonzero = true;
			if (nonzero)
				digits--;
		}
	}
	hbuf_put(sh, num, tail);
	if (!point) {
		if (tail == 2 && num[1] == '0')
			digits--; /* a lone leading 0 counts once */
		hbuf_putc(sh, '.');
	}
	if (digits > 0)
		hbuf_putn(sh, '0', (size_t)digits);
	hbuf_put(sh, num + tail, n - tail);
}

/* format.go fmtFloat: strconv text, then '#' restoring the point and zeros, signs and
 * zero padding after the sign; Inf and NaN are never zero padded. */
static void fmt_float(pf *p, double v, int32_t verb, int prec)
{
	if (p->prec_p)
		prec = p->prec;
	hbuf t = HBUF_INIT;
	hbuf_putc(&t, '+');
	hstrconv_format_float(&t, v, (char)verb, prec);
	if (!hbuf_ok(&t)) {
		p->b->oom = true;
		hbuf_free(&t);
		return;
	}
	char *num = t.data;
	size_t n = t.len;
	if (num[1] == '-' || num[1] == '+') {
		num++;
		n--;
	}
	if (p->space && num[0] == '+' && !p->plus)
		num[0] = ' ';
	if (num[1] == 'I' || num[1] == 'N') {
		bool z = p->zero;
		p->zero = false;
		if (num[1] == 'N' && !p->space && !p->plus) {
			num++;
			n--;
		}
		pad(p, num, n);
		p->zero = z;
		hbuf_free(&t);
		return;
	}
	hbuf sh = HBUF_INIT;
	if (p->sharp && verb != 'b') {
		sharp_float(&sh, num, n, verb, prec);
		if (!hbuf_ok(&sh))
			p->b->oom = true;
		num = sh.data ? sh.data : num;
		n = sh.len;
	}
	if (p->plus || num[0] != '+') {
		if (p->zero && !p->minus && p->wid_p && p->wid > (int)n) {
			hbuf_putc(p->b, num[0]);
			write_padding(p, p->wid - (int)n);
			hbuf_put(p->b, num + 1, n - 1);
		} else {
			pad(p, num, n);
		}
	} else {
		pad(p, num + 1, n - 1);
	}
	hbuf_free(&sh);
	hbuf_free(&t);
}

/* ------------------------------------------------------------------ strings */

/* Precision counts runes. */
static size_t truncate_runes(const pf *p, const char *s, size_t n)
{
	if (!p->prec_p)
		return n;
	size_t i = 0;
	int left = p->prec;
	while (i < n) {
		if (left-- <= 0)
			return i;
		int32_t r;
		i += hutf8_decode(s + i, n - i, &r);
	}
	return n;
}

static void fmt_s(pf *p, const char *s, size_t n) { pad(p, s, truncate_runes(p, s, n)); }

/* format.go fmtSbx: hex of each byte; ' ' separates bytes, '#' adds 0x. */
static void fmt_sbx(pf *p, const char *s, size_t n, const char *digits)
{
	size_t length = n;
	if (p->prec_p && p->prec >= 0 && (size_t)p->prec < length)
		length = (size_t)p->prec;
	size_t width = 2 * length;
	if (width == 0) {
		if (p->wid_p)
			write_padding(p, p->wid);
		return;
	}
	if (p->space) {
		if (p->sharp)
			width *= 2;
		width += length - 1;
	} else if (p->sharp) {
		width += 2;
	}
	if (p->wid_p && p->wid > (int)width && !p->minus)
		write_padding(p, p->wid - (int)width);
	if (p->sharp) {
		hbuf_putc(p->b, '0');
		hbuf_putc(p->b, digits[16]);
	}
	for (size_t i = 0; i < length; i++) {
		if (p->space && i > 0) {
			hbuf_putc(p->b, ' ');
			if (p->sharp) {
				hbuf_putc(p->b, '0');
				hbuf_putc(p->b, digits[16]);
			}
		}
		unsigned char c = (unsigned char)s[i];
		hbuf_putc(p->b, digits[c >> 4]);
		hbuf_putc(p->b, digits[c & 15]);
	}
	if (p->wid_p && p->wid > (int)width && p->minus)
		write_padding(p, p->wid - (int)width);
}

/* strconv.CanBackquote */
static bool can_backquote(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		int32_t r;
		size_t w = hutf8_decode(s + i, n - i, &r);
		i += w;
		if (w > 1) {
			if (r == 0xFEFF)
				return false;
			continue;
		}
		if (r == HUTF8_ERROR || (r < ' ' && r != '\t') || r == '`' || r == 0x7F)
			return false;
	}
	return true;
}

static void fmt_q(pf *p, const char *s, size_t n)
{
	n = truncate_runes(p, s, n);
	hbuf t = HBUF_INIT;
	if (p->sharp && can_backquote(s, n)) {
		hbuf_putc(&t, '`');
		hbuf_put(&t, s, n);
		hbuf_putc(&t, '`');
	} else {
		hstrconv_quote(&t, s, n, p->plus);
	}
	if (!hbuf_ok(&t))
		p->b->oom = true;
	pad(p, t.data, t.len);
	hbuf_free(&t);
}

/* ------------------------------------------------------------------ bad verbs */

/* %!verb(type=value): the value printed with %v and the current flags. */
static void bad_verb(pf *p, const hv *v, int32_t verb, bool nested)
{
	p->erroring = true;
	hbuf_puts(p->b, "%!");
	put_rune(p->b, verb);
	hbuf_putc(p->b, '(');
	if (hv_is_nil(v)) {
		hbuf_puts(p->b, "<nil>");
	} else {
		hbuf_puts(p->b, hv_type_name(v));
		hbuf_putc(p->b, '=');
		if (nested)
			print_value(p, v, 'v', 0);
		else
			print_arg(p, v, 'v');
	}
	hbuf_putc(p->b, ')');
	p->erroring = false;
}

/* ------------------------------------------------------------------ scalars */

static void fmt_bool(pf *p, const hv *v, int32_t verb, bool nested)
{
	if (verb == 't' || verb == 'v')
		pad_cstr(p, v->b ? "true" : "false");
	else
		bad_verb(p, v, verb, nested);
}

/* A named integer type (time.Month, time.Weekday: an int in data; time.Duration: an
 * int64_t), whose number Go prints where it bypasses String(). */
static bool object_int(const hv *v, int64_t *n)
{
	const hobj_class *cls = v->type == HT_OBJECT && v->o && v->o->data ? v->o->cls : NULL;
	if (cls && cls->kind == HK_INT)
		*n = *(const int *)v->o->data;
	else if (cls && cls->kind == HK_INT64)
		*n = *(const int64_t *)v->o->data;
	else
		return false;
	return true;
}

/* print.go fmtInteger: v's number is u (signed when sig); v itself names a bad verb's type. */
static void fmt_int_of(pf *p, const hv *v, bool sig, uint64_t u, int32_t verb, bool nested)
{
	switch (verb) {
	case 'v':
		if (p->sharp_v && !sig) {
			bool sh = p->sharp;
			p->sharp = true;
			fmt_integer(p, u, 16, false, 'v', ldigits);
			p->sharp = sh;
		} else {
			fmt_integer(p, u, 10, sig, verb, ldigits);
		}
		break;
	case 'd': fmt_integer(p, u, 10, sig, verb, ldigits); break;
	case 'b': fmt_integer(p, u, 2, sig, verb, ldigits); break;
	case 'o': case 'O': fmt_integer(p, u, 8, sig, verb, ldigits); break;
	case 'x': fmt_integer(p, u, 16, sig, verb, ldigits); break;
	case 'X': fmt_integer(p, u, 16, sig, verb, udigits); break;
	case 'c': fmt_c(p, u); break;
	case 'q': fmt_qc(p, u); break;
	case 'U': fmt_unicode(p, u); break;
	default: bad_verb(p, v, verb, nested);
	}
}

static void fmt_int(pf *p, const hv *v, int32_t verb, bool nested)
{
	bool sig = hv_is_int(v);
	fmt_int_of(p, v, sig, sig ? (uint64_t)v->i : v->u, verb, nested);
}

/* print.go fmtFloat: %v is shortest %g. */
static bool fmt_float_verb(pf *p, double f, int32_t verb)
{
	switch (verb) {
	case 'v': fmt_float(p, f, 'g', -1); return true;
	case 'b': case 'g': case 'G': case 'x': case 'X': fmt_float(p, f, verb, -1); return true;
	case 'f': case 'e': case 'E': fmt_float(p, f, verb, 6); return true;
	case 'F': fmt_float(p, f, 'f', 6); return true;
	default: return false;
	}
}

static void fmt_complex(pf *p, const hv *v, int32_t verb, bool nested)
{
	switch (verb) {
	case 'v': case 'b': case 'g': case 'G': case 'x': case 'X': case 'f': case 'F': case 'e':
	case 'E': {
		bool plus = p->plus;
		hbuf_putc(p->b, '(');
		fmt_float_verb(p, v->c[0], verb);
		p->plus = true; /* the imaginary part always has a sign */
		fmt_float_verb(p, v->c[1], verb);
		hbuf_puts(p->b, "i)");
		p->plus = plus;
		break;
	}
	default:
		bad_verb(p, v, verb, nested);
	}
}

/* print.go fmtString */
static void fmt_string(pf *p, const char *s, size_t n, const hv *v, int32_t verb, bool nested)
{
	switch (verb) {
	case 'v':
		if (p->sharp_v)
			fmt_q(p, s, n);
		else
			fmt_s(p, s, n);
		break;
	case 's': fmt_s(p, s, n); break;
	case 'x': fmt_sbx(p, s, n, ldigits); break;
	case 'X': fmt_sbx(p, s, n, udigits); break;
	case 'q': fmt_q(p, s, n); break;
	default: bad_verb(p, v, verb, nested);
	}
}

/* print.go fmtBytes; type_name is "[]byte" at the top level and "[]uint8" inside. */
static void fmt_bytes(pf *p, const hv *v, int32_t verb, const char *type_name)
{
	const char *s = v->s ? v->s->data : "";
	size_t n = v->s ? v->s->len : 0;
	switch (verb) {
	case 'v': case 'd':
		if (p->sharp_v) {
			hbuf_puts(p->b, type_name);
			if (!v->s) {
				hbuf_puts(p->b, "(nil)");
				return;
			}
			hbuf_putc(p->b, '{');
			for (size_t i = 0; i < n; i++) {
				if (i)
					hbuf_puts(p->b, ", ");
				bool sh = p->sharp;
				p->sharp = true;
				fmt_integer(p, (unsigned char)s[i], 16, false, 'v', ldigits);
				p->sharp = sh;
			}
			hbuf_putc(p->b, '}');
			return;
		}
		/* fall through */
	default:
		hbuf_putc(p->b, '[');
		for (size_t i = 0; i < n; i++) {
			if (i)
				hbuf_putc(p->b, ' ');
			hv e = {.type = HT_UINT8};
			e.u = (unsigned char)s[i];
			if (verb == 'v' || verb == 'd')
				fmt_integer(p, e.u, 10, false, verb, ldigits);
			else
				fmt_int(p, &e, verb, true);
		}
		hbuf_putc(p->b, ']');
		return;
	case 's': pad(p, s, truncate_runes(p, s, n)); return;
	case 'x': fmt_sbx(p, s, n, ldigits); return;
	case 'X': fmt_sbx(p, s, n, udigits); return;
	case 'q': fmt_q(p, s, n); return;
	}
}

/* ------------------------------------------------------------------ containers */

static void print_list(pf *p, const hv *v, int32_t verb, int depth)
{
	const hlist *l = v->l;
	size_t n = l ? l->len : 0;
	if (p->sharp_v) {
		hbuf_puts(p->b, hv_type_name(v));
		if (hv_is_nil_slice(v)) {
			hbuf_puts(p->b, "(nil)");
			return;
		}
		hbuf_putc(p->b, '{');
	} else {
		hbuf_putc(p->b, '[');
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			hbuf_puts(p->b, p->sharp_v ? ", " : " ");
		print_value(p, &l->v[i], verb, depth + 1);
	}
	hbuf_putc(p->b, p->sharp_v ? '}' : ']');
}

static void print_map(pf *p, const hv *v, int32_t verb, int depth)
{
	hmap *m = v->m;
	if (p->sharp_v) {
		hbuf_puts(p->b, hv_type_name(v));
		if (!m) {
			hbuf_puts(p->b, "(nil)");
			return;
		}
		hbuf_putc(p->b, '{');
	} else {
		hbuf_puts(p->b, "map[");
	}
	size_t n = hmap_len(m);
	hmap_entry **e = n ? hmap_sorted(m) : NULL;
	if (n && !e) {
		p->b->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			hbuf_puts(p->b, p->sharp_v ? ", " : " ");
		hv key = hv_of_str(e[i]->key);
		print_value(p, &key, verb, depth + 1);
		hbuf_putc(p->b, ':');
		print_value(p, &e[i]->val, verb, depth + 1);
	}
	hbuf_putc(p->b, p->sharp_v ? '}' : ']');
}

/* Go structs without a String method that templates can reach, with their fields in
 * declaration order: printValue walks them field by field, so %+v / %#v / %x ... need the
 * names (conf-fmt/struct-verbs). */
static const struct {
	const char *type;
	const char *fields[5];
} go_structs[] = {
	{"chartutil.KubeVersion", {"Version", "Major", "Minor"}},
	{"common.KubeVersion", {"Version", "normalizedVersion", "Major", "Minor"}},
	/* helm 4's has a fifth field; helm 3's class has no KubeClientVersion, so it is left out */
	{"version.BuildInfo", {"Version", "GitCommit", "GitTreeState", "GoVersion", "KubeClientVersion"}},
	{"sprig.certificate", {"Cert", "Key"}},
};

/* print.go printValue's reflect.Struct case. False when the type is not in go_structs. */
static bool print_struct(pf *p, const hv *v, int32_t verb)
{
	const hobj_class *cls = v->o ? v->o->cls : NULL;
	if (!cls || cls->kind != HK_STRUCT || !cls->field)
		return false;
	for (size_t i = 0; i < sizeof go_structs / sizeof *go_structs; i++) {
		if (strcmp(go_structs[i].type, cls->type_name) != 0)
			continue;
		if (p->sharp_v)
			hbuf_puts(p->b, cls->type_name);
		hbuf_putc(p->b, '{');
		for (size_t k = 0; k < 5 && go_structs[i].fields[k]; k++) {
			const char *name = go_structs[i].fields[k];
			hv fv = hv_invalid();
			if (!cls->field(v->o, name, strlen(name), &fv)) {
				if (k == 4)
					break;
				fv = hv_invalid();
			}
			if (k > 0)
				hbuf_puts(p->b, p->sharp_v ? ", " : " ");
			if (p->plus_v || p->sharp_v) {
				hbuf_puts(p->b, name);
				hbuf_putc(p->b, ':');
			}
			print_value(p, &fv, verb, 1);
		}
		hbuf_putc(p->b, '}');
		return true;
	}
	return false;
}


static void fmt_pointer(pf *p, const hv *v, int32_t verb)
{
	uint64_t u = v->o && v->o->data ? FAKE_ADDRESS : 0;
	bool sh = p->sharp;
	switch (verb) {
	case 'v':
		if (p->sharp_v) {
			hbuf_printf(p->b, "(%s)(", v->o->cls->type_name);
			if (u)
				hbuf_printf(p->b, "0x%llx", (unsigned long long)u);
			else
				hbuf_puts(p->b, "nil");
			hbuf_putc(p->b, ')');
		} else if (!u) {
			pad_cstr(p, "<nil>");
		} else {
			p->sharp = !sh;
			fmt_integer(p, u, 16, false, 'v', ldigits);
		}
		break;
	case 'p':
		p->sharp = !sh;
		fmt_integer(p, u, 16, false, 'v', ldigits);
		break;
	case 'b': case 'o': case 'd': case 'x': case 'X':
		if (verb == 'd')
			p->sharp = true;
		fmt_integer(p, u, verb == 'b' ? 2 : verb == 'o' ? 8 : verb == 'd' ? 10 : 16, false, verb,
		            verb == 'X' ? udigits : ldigits);
		break;
	default:
		bad_verb(p, v, verb, true);
	}
	p->sharp = sh;
}

static bool has_string(const hobj_class *cls)
{
	for (size_t i = 0; i < cls->nmethods; i++)
		if (strcmp(cls->methods[i].name, "String") == 0)
			return true;
	return false;
}

/* printValue over an object's reflection view (hobj_class.gofields): a pointer at the top
 * prints `&` and its struct, a pointer below the top its address; a struct prints {f1 f2},
 * %+v {name:f1 ...}, %#v type{name:f1, ...} (golden gosem/struct-verbs). */
static void print_gostruct(pf *p, const hv *v, int32_t verb, bool nested)
{
	const hobj_class *cls = v->o->cls;
	if (cls->kind == HK_PTR) {
		if (nested || !v->o->data) {
			fmt_pointer(p, v, verb);
			return;
		}
		hbuf_putc(p->b, '&');
	}
	if (cls->kind == HK_SLICE && !v->o->data && p->sharp_v) { /* a nil slice */
		hbuf_puts(p->b, cls->type_name);
		hbuf_puts(p->b, "(nil)");
		return;
	}
	harena *a = harena_new();
	size_t max = cls->gofields(v->o, a, NULL, NULL, 0);
	const char **names = a ? harena_alloc(a, (max + 1) * sizeof *names) : NULL;
	hv *vals = a ? harena_alloc(a, (max + 1) * sizeof *vals) : NULL;
	size_t n = names && vals ? cls->gofields(v->o, a, names, vals, max) : 0;
	if (!names || !vals)
		p->b->oom = true;
	bool map = cls->kind == HK_MAP, slice = cls->kind == HK_SLICE;
	if (p->sharp_v) {
		const char *t = cls->type_name;
		hbuf_puts(p->b, t[0] == '*' ? t + 1 : t);
	}
	hbuf_puts(p->b, p->sharp_v ? "{" : map ? "map[" : slice ? "[" : "{");
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			hbuf_puts(p->b, p->sharp_v ? ", " : " ");
		if (map) { /* keys are strings, printed with the verb */
			hv key;
			if (!hv_string(a, names[i], strlen(names[i]), &key))
				p->b->oom = true;
			else
				print_value(p, &key, verb, 1);
			hbuf_putc(p->b, ':');
		} else if ((p->plus_v || p->sharp_v) && !slice) {
			hbuf_puts(p->b, names[i]);
			hbuf_putc(p->b, ':');
		}
		if (vals[i].type == HT_OBJECT && vals[i].o && vals[i].o->cls->kind == HK_PTR)
			fmt_pointer(p, &vals[i], verb); /* unexported: no methods */
		else
			print_value(p, &vals[i], verb, 1);
	}
	hbuf_putc(p->b, p->sharp_v || !(map || slice) ? '}' : ']');
	harena_free(a);
}

/* Objects print through their class: the hook is Go's String() (or the struct's %v).
 * Like handleMethods, only the string verbs see the String() text; %#v sees GoString();
 * the other verbs walk the reflection view where the class has one. */
static void print_object(pf *p, const hv *v, int32_t verb, bool nested)
{
	if (verb != 'T' && verb != 'p' && print_struct(p, v, verb))
		return;
	const hobj_class *cls = v->o ? v->o->cls : NULL;
	if (cls && verb == 'v' && p->sharp_v && cls->gostring && !p->erroring) {
		hbuf t = HBUF_INIT;
		cls->gostring(v->o, &t);
		if (!hbuf_ok(&t))
			p->b->oom = true;
		fmt_s(p, t.data ? t.data : "", t.len);
		hbuf_free(&t);
		return;
	}
	if (cls && cls->gofields && verb != 'T' && verb != 'p' &&
	    (p->erroring || p->sharp_v || !has_string(cls) ||
	     !(verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q'))) {
		print_gostruct(p, v, verb, nested);
		return;
	}
	int64_t num;
	if (verb != 'T' && verb != 'p' && object_int(v, &num) &&
	    (p->erroring || p->sharp_v || !has_string(cls) ||
	     !(verb == 'v' || verb == 's' || verb == 'x' || verb == 'X' || verb == 'q'))) {
		fmt_int_of(p, v, true, (uint64_t)num, verb, nested);
		return;
	}
	hbuf t = HBUF_INIT;
	if (v->o && v->o->cls->format)
		v->o->cls->format(v->o, &t);
	else
		hbuf_puts(&t, v->o ? "{}" : "<nil>");
	if (!hbuf_ok(&t))
		p->b->oom = true;
	const char *s = t.data ? t.data : "";
	switch (verb) {
	case 'v': case 's':
		fmt_s(p, s, t.len);
		break;
	case 'x': case 'X': case 'q':
		fmt_string(p, s, t.len, v, verb, nested);
		break;
	default:
		bad_verb(p, v, verb, nested);
	}
	hbuf_free(&t);
}

/* One operand below the top level (print.go printValue with depth > 0, or a bad verb's
 * value at depth 0). Elements of interface containers that are nil print <nil>. */
static void print_value(pf *p, const hv *v, int32_t verb, int depth)
{
	if (depth > MAX_DEPTH) {
		p->b->oom = p->b->deep = true; /* a cyclic value: Go would overflow its stack */
		return;
	}
	switch (v->type) {
	case HT_INVALID:
	case HT_NIL:
		if (p->sharp_v)
			hbuf_puts(p->b, "interface {}(nil)");
		else
			hbuf_puts(p->b, "<nil>");
		return;
	case HT_BOOL: fmt_bool(p, v, verb, true); return;
	case HT_FLOAT64:
		if (!fmt_float_verb(p, v->f, verb))
			bad_verb(p, v, verb, true);
		return;
	case HT_COMPLEX: fmt_complex(p, v, verb, true); return;
	case HT_STRING: fmt_string(p, v->s->data, v->s->len, v, verb, true); return;
	case HT_BYTES: fmt_bytes(p, v, verb, "[]uint8"); return;
	case HT_LIST: case HT_STRLIST: case HT_INTLIST: case HT_LISTLIST: print_list(p, v, verb, depth); return;
	case HT_MAP: case HT_STRMAP: case HT_VALUES: print_map(p, v, verb, depth); return;
	case HT_OBJECT: print_object(p, v, verb, depth > 0); return;
	default:
		if (hv_is_int(v) || hv_is_uint(v))
			fmt_int(p, v, verb, true);
		return;
	}
}

/* A top-level operand (print.go printArg): an interface value. */
static void print_arg(pf *p, const hv *v, int32_t verb)
{
	if (hv_is_nil(v)) {
		if (verb == 'T' || verb == 'v')
			pad_cstr(p, "<nil>");
		else
			bad_verb(p, v, verb, false);
		return;
	}
	if (verb == 'T') {
		const char *t = hv_type_name(v);
		fmt_s(p, t, strlen(t));
		return;
	}
	if (verb == 'p') {
		/* fmtPointer: maps, slices and pointers print an address (the fixed one, see
		 * FAKE_ADDRESS); a nil slice or map 0x0; structs and scalars are bad verbs. */
		bool obj = v->type == HT_OBJECT;
		hv_kind k = obj && v->o ? v->o->cls->kind : HK_INVALID;
		if (hv_is_list(v) || hv_is_map(v) || v->type == HT_BYTES ||
		    (obj && (k == HK_PTR || k == HK_MAP || k == HK_SLICE))) {
			bool sh = p->sharp;
			bool nil = (hv_is_list(v) && hv_is_nil_slice(v)) || (hv_is_map(v) && !v->m) ||
			           (obj && k == HK_PTR && !v->o->data);
			p->sharp = !sh;
			fmt_integer(p, nil ? 0 : FAKE_ADDRESS, 16, false, 'v', ldigits);
			p->sharp = sh;
		} else {
			bad_verb(p, v, verb, false);
		}
		return;
	}
	switch (v->type) {
	case HT_BOOL: fmt_bool(p, v, verb, false); return;
	case HT_FLOAT64:
		if (!fmt_float_verb(p, v->f, verb))
			bad_verb(p, v, verb, false);
		return;
	case HT_COMPLEX: fmt_complex(p, v, verb, false); return;
	case HT_STRING: fmt_string(p, v->s->data, v->s->len, v, verb, false); return;
	case HT_BYTES: fmt_bytes(p, v, verb, "[]byte"); return;
	case HT_LIST: case HT_STRLIST: case HT_INTLIST: case HT_LISTLIST: print_list(p, v, verb, 0); return;
	case HT_MAP: case HT_STRMAP: case HT_VALUES: print_map(p, v, verb, 0); return;
	case HT_OBJECT: print_object(p, v, verb, false); return;
	default:
		if (hv_is_int(v) || hv_is_uint(v))
			fmt_int(p, v, verb, false);
		return;
	}
}

/* ------------------------------------------------------------------ Printf */

static bool too_large(int64_t x) { return x > 1000000 || x < -1000000; }

/* print.go parsenum: digits at s[*i..end); an absurd number swallows the rest. */
static bool parse_num(const char *s, size_t *i, size_t end, int *num)
{
	bool isnum = false;
	int64_t v = 0;
	size_t k = *i;
	for (; k < end && s[k] >= '0' && s[k] <= '9'; k++) {
		if (too_large(v)) {
			*num = 0;
			*i = end;
			return false;
		}
		v = v * 10 + (s[k] - '0');
		isnum = true;
	}
	*num = (int)v;
	*i = k;
	return isnum;
}

/* print.go intFromArg: the argument for '*', which must be an integer. */
static bool int_from_arg(size_t argc, const hv *argv, size_t *argn, int *num)
{
	*num = 0;
	if (*argn >= argc)
		return false;
	const hv *v = &argv[(*argn)++];
	bool ok = false;
	int64_t n = 0;
	if (hv_is_int(v)) {
		n = v->i;
		ok = true;
	} else if (hv_is_uint(v) && v->u <= INT64_MAX) {
		n = (int64_t)v->u;
		ok = true;
	} else {
		ok = object_int(v, &n); /* reflect's Int kinds: time.Month ... */
	}
	if (!ok || too_large(n))
		return false;
	*num = (int)n;
	return true;
}

typedef struct pstate {
	bool reordered, good_argnum;
} pstate;

/* print.go argNumber: an optional [n] at format[*i]. */
static bool arg_number(pstate *ps, const char *f, size_t *i, size_t end, size_t argc,
                       size_t *argn)
{
	if (*i >= end || f[*i] != '[')
		return false;
	ps->reordered = true;
	/* parseArgNumber: [digits] with at least one digit */
	size_t wid = 1;
	bool ok = false;
	int index = 0;
	if (end - *i >= 3) {
		for (size_t k = *i + 1; k < end; k++) {
			if (f[k] == ']') {
				size_t j = *i + 1;
				int num;
				bool isnum = parse_num(f, &j, k, &num);
				wid = k - *i + 1;
				if (isnum && j == k) {
					ok = true;
					index = num - 1;
				}
				break;
			}
		}
	}
	*i += wid;
	if (ok && index >= 0 && (size_t)index < argc) {
		*argn = (size_t)index;
		return true;
	}
	ps->good_argnum = false;
	return ok;
}

static void print_extra(pf *p, size_t argn, size_t argc, const hv *argv)
{
	clear_flags(p);
	hbuf_puts(p->b, "%!(EXTRA ");
	for (size_t k = argn; k < argc; k++) {
		if (k > argn)
			hbuf_puts(p->b, ", ");
		if (hv_is_nil(&argv[k])) {
			hbuf_puts(p->b, "<nil>");
		} else {
			hbuf_puts(p->b, hv_type_name(&argv[k]));
			hbuf_putc(p->b, '=');
			print_arg(p, &argv[k], 'v');
		}
	}
	hbuf_putc(p->b, ')');
}

/* Flags, argument index, width, precision of one directive; i is just past the '%'. */
static void parse_directive(pf *p, pstate *ps, const char *f, size_t *ip, size_t end,
                            size_t argc, const hv *argv, size_t *argn, bool *after_index)
{
	size_t i = *ip;
	for (; i < end; i++) {
		char c = f[i];
		if (c == '#') p->sharp = true;
		else if (c == '0') p->zero = true;
		else if (c == '+') p->plus = true;
		else if (c == '-') p->minus = true;
		else if (c == ' ') p->space = true;
		else break;
	}
	*after_index = arg_number(ps, f, &i, end, argc, argn);
	if (i < end && f[i] == '*') {
		i++;
		p->wid_p = int_from_arg(argc, argv, argn, &p->wid);
		if (!p->wid_p)
			hbuf_puts(p->b, "%!(BADWIDTH)");
		if (p->wid < 0) {
			p->wid = -p->wid;
			p->minus = true;
			p->zero = false;
		}
		*after_index = false;
	} else {
		p->wid_p = parse_num(f, &i, end, &p->wid);
		if (*after_index && p->wid_p)
			ps->good_argnum = false; /* "%[3]2d" */
	}
	if (i + 1 < end && f[i] == '.') {
		i++;
		if (*after_index)
			ps->good_argnum = false; /* "%[3].2d" */
		*after_index = arg_number(ps, f, &i, end, argc, argn);
		if (i < end && f[i] == '*') {
			i++;
			p->prec_p = int_from_arg(argc, argv, argn, &p->prec);
			if (p->prec < 0) {
				p->prec = 0;
				p->prec_p = false;
			}
			if (!p->prec_p)
				hbuf_puts(p->b, "%!(BADPREC)");
			*after_index = false;
		} else {
			p->prec_p = parse_num(f, &i, end, &p->prec);
			if (!p->prec_p) {
				p->prec = 0;
				p->prec_p = true;
			}
		}
	}
	if (!*after_index)
		*after_index = arg_number(ps, f, &i, end, argc, argn);
	*ip = i;
}

void hfmt_sprintf(hbuf *b, const char *f, size_t end, size_t argc, const hv *argv)
{
	pf p = {.b = b};
	pstate ps = {0};
	size_t argn = 0, i = 0;
	while (i < end) {
		ps.good_argnum = true;
		size_t last = i;
		while (i < end && f[i] != '%')
			i++;
		if (i > last)
			hbuf_put(b, f + last, i - last);
		if (i >= end)
			break;
		i++;
		clear_flags(&p);
		bool after_index;
		parse_directive(&p, &ps, f, &i, end, argc, argv, &argn, &after_index);
		if (i >= end) {
			hbuf_puts(b, "%!(NOVERB)");
			break;
		}
		int32_t verb;
		i += hutf8_decode(f + i, end - i, &verb);
		if (verb == '%') {
			hbuf_putc(b, '%'); /* absorbs no operand, ignores width and precision */
		} else if (!ps.good_argnum) {
			hbuf_puts(b, "%!");
			put_rune(b, verb);
			hbuf_puts(b, "(BADINDEX)");
		} else if (argn >= argc) {
			hbuf_puts(b, "%!");
			put_rune(b, verb);
			hbuf_puts(b, "(MISSING)");
		} else {
			if (verb == 'v' || verb == 'w') {
				p.sharp_v = p.sharp;
				p.sharp = false;
				p.plus_v = p.plus;
				p.plus = false;
			}
			print_arg(&p, &argv[argn++], verb);
		}
	}
	if (!ps.reordered && argn < argc)
		print_extra(&p, argn, argc, argv);
}

/* ------------------------------------------------------------------ Print */

void hfmt_value(hbuf *b, const hv *v)
{
	switch (v->type) {
	case HT_STRING:
		hbuf_put(b, v->s->data, v->s->len);
		return;
	case HT_INT: case HT_INT64: case HT_INT32:
		hstrconv_format_int(b, v->i, 10);
		return;
	case HT_UINT8: case HT_UINT32: case HT_UINT64:
		hstrconv_format_uint(b, v->u, 10);
		return;
	case HT_FLOAT64:
		hstrconv_format_float(b, v->f, 'g', -1);
		return;
	case HT_BOOL:
		hbuf_puts(b, v->b ? "true" : "false");
		return;
	case HT_INVALID: case HT_NIL:
		hbuf_puts(b, "<nil>");
		return;
	default: {
		pf p = {.b = b};
		print_arg(&p, v, 'v');
	}
	}
}

void hfmt_sprint(hbuf *b, size_t argc, const hv *argv)
{
	bool prev_string = false;
	for (size_t i = 0; i < argc; i++) {
		bool is_string = argv[i].type == HT_STRING;
		if (i > 0 && !is_string && !prev_string)
			hbuf_putc(b, ' ');
		hfmt_value(b, &argv[i]);
		prev_string = is_string;
	}
}

void hfmt_sprintln(hbuf *b, size_t argc, const hv *argv)
{
	for (size_t i = 0; i < argc; i++) {
		if (i > 0)
			hbuf_putc(b, ' ');
		hfmt_value(b, &argv[i]);
	}
	hbuf_putc(b, '\n');
}
