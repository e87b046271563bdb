/* regexp_names.c - Go 1.25's lookup of Unicode class names (regexp/syntax unicodeTable with
 * the TR18 loose matching of Go 1.25, unicode.CategoryAliases), see regexp_names.h.
 *
 * Measured with helm 4.1.4 (go1.25.9) and pinned by tests/unit/test_fn_regex.c: \pn,
 * \p{greek}, \p{Uppercase_Letter}, \p{cased letter}, \p{-L-}, \p{Cn}, \p{LC}, \p{assigned},
 * \p{ascii} are accepted; scripts whose names hold an underscore (Old_Italic, Nag_Mundari)
 * are not, in any spelling: Go drops the underscores of the name asked for, not of the
 * table's keys. Script aliases (Grek), binary properties (Alphabetic) and Perl forms
 * (L&, Is_Greek) stay errors.
 *
 * RE2 knows the categories and scripts but not Cn, LC, Assigned or ASCII, nor Go 1.25's C
 * (Cc Cf Co Cs and now Cn): those are spelled out as unions of the leaf categories, Cn as
 * code point ranges from utf8proc (Unicode 15.0, as Go's tables). */
#include "core/regexp_names.h"

#include <string.h>
#include <utf8proc.h>

/* The 29 leaf categories RE2 has, then Cn (bit 29). */
static const char *const leaves[] = {
	"Cc", "Cf", "Co", "Cs", "Ll", "Lm", "Lo", "Lt", "Lu", "Mc", "Me", "Mn", "Nd", "Nl", "No",
	"Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "Sc", "Sk", "Sm", "So", "Zl", "Zp", "Zs",
};
#define NLEAF 29
#define CN (1u << NLEAF)
#define ALL ((CN << 1) - 1)

/* A category or alias, canonical spelling (lower case, no separators) -> leaves. */
typedef struct cat {
	const char *key;
	const char *re2; /* RE2's own name when it has one, used as written */
	uint32_t set;
} cat;

#define B(i) (1u << (i))
#define SET_C (B(0) | B(1) | B(2) | B(3) | CN)
#define SET_L (B(4) | B(5) | B(6) | B(7) | B(8))
#define SET_M (B(9) | B(10) | B(11))
#define SET_N (B(12) | B(13) | B(14))
#define SET_P (B(15) | B(16) | B(17) | B(18) | B(19) | B(20) | B(21))
#define SET_S (B(22) | B(23) | B(24) | B(25))
#define SET_Z (B(26) | B(27) | B(28))

static const cat cats[] = {
	{"c", NULL, SET_C}, {"other", NULL, SET_C},
	{"cc", "Cc", B(0)}, {"control", "Cc", B(0)}, {"cntrl", "Cc", B(0)},
	{"cf", "Cf", B(1)}, {"format", "Cf", B(1)},
	{"cn", NULL, CN}, {"unassigned", NULL, CN},
	{"co", "Co", B(2)}, {"privateuse", "Co", B(2)},
	{"cs", "Cs", B(3)}, {"surrogate", "Cs", B(3)},
	{"l", "L", SET_L}, {"letter", "L", SET_L},
	{"lc", NULL, B(4) | B(7) | B(8)}, {"casedletter", NULL, B(4) | B(7) | B(8)},
	{"ll", "Ll", B(4)}, {"lowercaseletter", "Ll", B(4)},
	{"lm", "Lm", B(5)}, {"modifierletter", "Lm", B(5)},
	{"lo", "Lo", B(6)}, {"otherletter", "Lo", B(6)},
	{"lt", "Lt", B(7)}, {"titlecaseletter", "Lt", B(7)},
	{"lu", "Lu", B(8)}, {"uppercaseletter", "Lu", B(8)},
	{"m", "M", SET_M}, {"mark", "M", SET_M}, {"combiningmark", "M", SET_M},
	{"mc", "Mc", B(9)}, {"spacingmark", "Mc", B(9)},
	{"me", "Me", B(10)}, {"enclosingmark", "Me", B(10)},
	{"mn", "Mn", B(11)}, {"nonspacingmark", "Mn", B(11)},
	{"n", "N", SET_N}, {"number", "N", SET_N},
	{"nd", "Nd", B(12)}, {"decimalnumber", "Nd", B(12)}, {"digit", "Nd", B(12)},
	{"nl", "Nl", B(13)}, {"letternumber", "Nl", B(13)},
	{"no", "No", B(14)}, {"othernumber", "No", B(14)},
	{"p", "P", SET_P}, {"punctuation", "P", SET_P}, {"punct", "P", SET_P},
	{"pc", "Pc", B(15)}, {"connectorpunctuation", "Pc", B(15)},
	{"pd", "Pd", B(16)}, {"dashpunctuation", "Pd", B(16)},
	{"pe", "Pe", B(17)}, {"closepunctuation", "Pe", B(17)},
	{"pf", "Pf", B(18)}, {"finalpunctuation", "Pf", B(18)},
	{"pi", "Pi", B(19)}, {"initialpunctuation", "Pi", B(19)},
	{"po", "Po", B(20)}, {"otherpunctuation", "Po", B(20)},
	{"ps", "Ps", B(21)}, {"openpunctuation", "Ps", B(21)},
	{"s", "S", SET_S}, {"symbol", "S", SET_S},
	{"sc", "Sc", B(22)}, {"currencysymbol", "Sc", B(22)},
	{"sk", "Sk", B(23)}, {"modifiersymbol", "Sk", B(23)},
	{"sm", "Sm", B(24)}, {"mathsymbol", "Sm", B(24)},
	{"so", "So", B(25)}, {"othersymbol", "So", B(25)},
	{"z", "Z", SET_Z}, {"separator", "Z", SET_Z},
	{"zl", "Zl", B(26)}, {"lineseparator", "Zl", B(26)},
	{"zp", "Zp", B(27)}, {"paragraphseparator", "Zp", B(27)},
	{"zs", "Zs", B(28)}, {"spaceseparator", "Zs", B(28)},
	{"assigned", NULL, ALL & ~CN},
};

/* Go's unicode.Scripts (Unicode 15.0) without the names that hold an underscore, which
 * Go 1.25 cannot reach; RE2 has each under the same name. */
static const char *const scripts[] = {
	"Adlam", "Ahom", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Batak", "Bengali",
	"Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Carian", "Chakma",
	"Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot", "Cyrillic",
	"Deseret", "Devanagari", "Dogra", "Duployan", "Elbasan", "Elymaic", "Ethiopic", "Georgian",
	"Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati", "Gurmukhi", "Han", "Hangul",
	"Hanunoo", "Hatran", "Hebrew", "Hiragana", "Inherited", "Javanese", "Kaithi", "Kannada",
	"Katakana", "Kawi", "Kharoshthi", "Khmer", "Khojki", "Khudawadi", "Lao", "Latin", "Lepcha",
	"Limbu", "Lisu", "Lycian", "Lydian", "Mahajani", "Makasar", "Malayalam", "Mandaic",
	"Manichaean", "Marchen", "Medefaidrin", "Miao", "Modi", "Mongolian", "Mro", "Multani",
	"Myanmar", "Nabataean", "Nandinagari", "Newa", "Nko", "Nushu", "Ogham", "Oriya", "Osage",
	"Osmanya", "Palmyrene", "Phoenician", "Rejang", "Runic", "Samaritan", "Saurashtra",
	"Sharada", "Shavian", "Siddham", "Sinhala", "Soyombo", "Sundanese", "Syriac", "Tagalog",
	"Tagbanwa", "Takri", "Tamil", "Tangsa", "Tangut", "Telugu", "Thaana", "Thai", "Tibetan",
	"Tifinagh", "Tirhuta", "Toto", "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Yezidi", "Yi",
};

/* The canonical spelling: ASCII lower case, without ' ', '_' and '-'. False when too long. */
static bool canonical(const char *s, size_t n, char *out, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '_' || c == '-')
			continue;
		if (k + 1 >= cap)
			return false;
		out[k++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	out[k] = 0;
	return true;
}

static bool eq_lower(const char *name, const char *key)
{
	for (; *name && *key; name++, key++)
		if ((*name >= 'A' && *name <= 'Z' ? *name - 'A' + 'a' : *name) != *key)
			return false;
	return !*name && !*key;
}

/* The unassigned code points as \x{..}-\x{..} items. */
static void put_cn(hbuf *out)
{
	int32_t lo = -1;
	for (int32_t r = 0; r <= 0x110000; r++) {
		bool cn = r < 0x110000 && utf8proc_category(r) == UTF8PROC_CATEGORY_CN;
		if (cn && lo < 0)
			lo = r;
		if (!cn && lo >= 0) {
			hbuf_printf(out, r - 1 == lo ? "\\x{%x}" : "\\x{%x}-\\x{%x}", (unsigned)lo,
			            (unsigned)(r - 1));
			lo = -1;
		}
	}
}

static void put_set(hbuf *out, uint32_t set)
{
	for (int i = 0; i < NLEAF; i++)
		if (set & B(i))
			hbuf_printf(out, "\\p{%s}", leaves[i]);
	if (set & CN)
		put_cn(out);
}

int hrx_go125_class(const char *name, size_t n, bool negated, bool in_class, hbuf *out)
{
	char key[64];
	if (!canonical(name, n, key, sizeof key))
		return 0;
	const char *re2 = NULL;
	uint32_t set = 0;
	bool ascii = false;
	if (!strcmp(key, "any")) {
		re2 = "Any";
	} else if (!strcmp(key, "ascii")) {
		ascii = true;
	} else {
		for (size_t i = 0; i < sizeof cats / sizeof *cats && !re2 && !set; i++)
			if (!strcmp(key, cats[i].key))
				re2 = cats[i].re2, set = cats[i].set;
		for (size_t i = 0; i < sizeof scripts / sizeof *scripts && !re2 && !set; i++)
			if (eq_lower(scripts[i], key))
				re2 = scripts[i];
		if (!re2 && !set)
			return 0;
	}
	if (re2) { /* RE2 reads it as Go does */
		hbuf_printf(out, "\\%c{%s}", negated ? 'P' : 'p', re2);
		return 1;
	}
	if (!in_class)
		hbuf_putc(out, '[');
	if (ascii)
		hbuf_puts(out, negated ? "\\x{80}-\\x{10ffff}" : "\\x{0}-\\x{7f}");
	else
		put_set(out, negated ? ALL & ~set : set);
	if (!in_class)
		hbuf_putc(out, ']');
	return 1;
}
