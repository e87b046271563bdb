/* gotime.c - Go's time package as Sprig's date functions use it (see gotime.h):
 * src/time/format.go (Format, Parse, nextStdChunk), time.go (Date, Duration.String/Round).
 * Locations (LoadLocation, TZif reading, lookup, the tzset rules of the footer, Local from
 * $TZ) are in gotime_zone.c.
 *
 * Civil dates use days-from-civil arithmetic on int64 (proleptic Gregorian, like Go). */
#include "core/gotime.h"
#include "core/civil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const long_months[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};
static const char *const long_days[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};

/* ------------------------------------------------------------------ Date, fields, Add, Sub */

hgotime_time hgotime_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
                  int64_t nsec, const hgotime_loc *loc)
{
	/* normalise as Go's Date: month into year, nsec→sec→min→hour→day */
	int64_t m = month - 1;
	year += hcivil_floor_div(m, 12);
	m = hcivil_floor_mod(m, 12);
	sec += hcivil_floor_div(nsec, 1000000000);
	nsec = hcivil_floor_mod(nsec, 1000000000);
	min += hcivil_floor_div(sec, 60);
	sec = hcivil_floor_mod(sec, 60);
	hour += hcivil_floor_div(min, 60);
	min = hcivil_floor_mod(min, 60);
	day += hcivil_floor_div(hour, 24);
	hour = hcivil_floor_mod(hour, 24);
	int64_t days = hcivil_days_from(year, (int)m + 1, 1) + day - 1;
	int64_t unix = days * HCIVIL_SECS_PER_DAY + hour * 3600 + min * 60 + sec;
	hgotime_zinfo z;
	hgotime_lookup_full(loc, unix, &z);
	if (z.offset) {
		int64_t utc = unix - z.offset;
		if (utc < z.start || utc >= z.end)
			hgotime_lookup_full(loc, utc, &z);
		unix -= z.offset;
	}
	hgotime_time t = {unix, (int32_t)nsec, loc, false, 0};
	return t;
}

void hgotime_fields(const hgotime_time *t, int64_t *year, int *month, int *day, int *hour, int *min,
                int *sec, int *wday, int *yday)
{
	hgotime_zinfo z;
	hgotime_lookup_full(t->loc, t->sec, &z);
	int64_t local = t->sec + z.offset;
	int64_t days = hcivil_floor_div(local, HCIVIL_SECS_PER_DAY);
	int64_t rem = hcivil_floor_mod(local, HCIVIL_SECS_PER_DAY);
	hcivil_from_days(days, year, month, day);
	*hour = (int)(rem / 3600);
	*min = (int)(rem / 60 % 60);
	*sec = (int)(rem % 60);
	*wday = (int)hcivil_floor_mod(days + 4, 7);
	*yday = (int)(days - hcivil_days_from(*year, 1, 1) + 1);
}

hgotime_time hgotime_add(const hgotime_time *t, int64_t d)
{
	hgotime_time r = *t;
	int64_t ds = d / 1000000000, dn = d % 1000000000;
	int64_t ns = (int64_t)t->nsec + dn;
	r.sec += ds + hcivil_floor_div(ns, 1000000000);
	r.nsec = (int32_t)hcivil_floor_mod(ns, 1000000000);
	if (r.has_mono)
		r.mono += d;
	return r;
}

int64_t hgotime_sub(const hgotime_time *t, const hgotime_time *u)
{
	if (t->has_mono && u->has_mono)
		return t->mono - u->mono;
	/* seconds difference, saturating like Go's Sub */
	__int128 d = ((__int128)t->sec - u->sec) * 1000000000 + (t->nsec - u->nsec);
	if (d > INT64_MAX)
		return INT64_MAX;
	if (d < INT64_MIN)
		return INT64_MIN;
	return (int64_t)d;
}

/* ------------------------------------------------------------------ layouts */

enum {
	STD_NONE, STD_LONG_MONTH, STD_MONTH, STD_NUM_MONTH, STD_ZERO_MONTH, STD_LONG_WEEKDAY,
	STD_WEEKDAY, STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY, STD_UNDER_YDAY, STD_ZERO_YDAY, STD_HOUR,
	STD_HOUR12, STD_ZERO_HOUR12, STD_MINUTE, STD_ZERO_MINUTE, STD_SECOND, STD_ZERO_SECOND,
	STD_LONG_YEAR, STD_YEAR, STD_PM, STD_pm, STD_TZ, STD_ISO_TZ, STD_ISO_SEC_TZ, STD_ISO_SHORT_TZ,
	STD_ISO_COLON_TZ, STD_ISO_COLON_SEC_TZ, STD_NUM_TZ, STD_NUM_SEC_TZ, STD_NUM_SHORT_TZ,
	STD_NUM_COLON_TZ, STD_NUM_COLON_SEC_TZ, STD_FRAC0, STD_FRAC9,
};

typedef struct chunk {
	size_t prefix; /* literal bytes before the element */
	int std;       /* STD_NONE: no element, the rest is literal */
	size_t len;    /* bytes of the element in the layout */
	int digits;    /* fractional digits */
	char sep;      /* fractional separator */
} chunk;

static bool has(const char *l, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);
	return n - i >= k && memcmp(l + i, w, k) == 0;
}

static bool lower_at(const char *l, size_t n, size_t i) { return i < n && l[i] >= 'a' && l[i] <= 'z'; }
static bool digit_at(const char *l, size_t n, size_t i) { return i < n && l[i] >= '0' && l[i] <= '9'; }

#define FOUND(s, k) do { c->prefix = i; c->std = (s); c->len = (k); return; } while (0)

/* nextStdChunk (format.go): the first layout element in l[0..n). */
static void next_chunk(const char *l, size_t n, chunk *c)
{
	static const int std0x[] = {STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12,
	                            STD_ZERO_MINUTE, STD_ZERO_SECOND, STD_YEAR};
	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < n; i++) {
		switch (l[i]) {
		case 'J':
			if (has(l, n, i, "January"))
				FOUND(STD_LONG_MONTH, 7);
			if (has(l, n, i, "Jan") && !lower_at(l, n, i + 3))
				FOUND(STD_MONTH, 3);
			break;
		case 'M':
			if (has(l, n, i, "Monday"))
				FOUND(STD_LONG_WEEKDAY, 6);
			if (has(l, n, i, "Mon") && !lower_at(l, n, i + 3))
				FOUND(STD_WEEKDAY, 3);
			if (has(l, n, i, "MST"))
				FOUND(STD_TZ, 3);
			break;
		case '0':
			if (i + 1 < n && l[i + 1] >= '1' && l[i + 1] <= '6')
				FOUND(std0x[l[i + 1] - '1'], 2);
			if (has(l, n, i, "002"))
				FOUND(STD_ZERO_YDAY, 3);
			break;
		case '1':
			if (has(l, n, i, "15"))
				FOUND(STD_HOUR, 2);
			FOUND(STD_NUM_MONTH, 1);
		case '2':
			if (has(l, n, i, "2006"))
				FOUND(STD_LONG_YEAR, 4);
			FOUND(STD_DAY, 1);
		case '_':
			if (has(l, n, i, "_2")) {
				if (has(l, n, i, "_2006")) { /* a literal _ then the year */
					c->prefix = i + 1;
					c->std = STD_LONG_YEAR;
					c->len = 4;
					return;
				}
				FOUND(STD_UNDER_DAY, 2);
			}
			if (has(l, n, i, "__2"))
				FOUND(STD_UNDER_YDAY, 3);
			break;
		case '3': FOUND(STD_HOUR12, 1);
		case '4': FOUND(STD_MINUTE, 1);
		case '5': FOUND(STD_SECOND, 1);
		case 'P':
			if (has(l, n, i, "PM"))
				FOUND(STD_PM, 2);
			break;
		case 'p':
			if (has(l, n, i, "pm"))
				FOUND(STD_pm, 2);
			break;
		case '-':
			if (has(l, n, i, "-070000"))
				FOUND(STD_NUM_SEC_TZ, 7);
			if (has(l, n, i, "-07:00:00"))
				FOUND(STD_NUM_COLON_SEC_TZ, 9);
			if (has(l, n, i, "-0700"))
				FOUND(STD_NUM_TZ, 5);
			if (has(l, n, i, "-07:00"))
				FOUND(STD_NUM_COLON_TZ, 6);
			if (has(l, n, i, "-07"))
				FOUND(STD_NUM_SHORT_TZ, 3);
			break;
		case 'Z':
			if (has(l, n, i, "Z070000"))
				FOUND(STD_ISO_SEC_TZ, 7);
			if (has(l, n, i, "Z07:00:00"))
				FOUND(STD_ISO_COLON_SEC_TZ, 9);
			if (has(l, n, i, "Z0700"))
				FOUND(STD_ISO_TZ, 5);
			if (has(l, n, i, "Z07:00"))
				FOUND(STD_ISO_COLON_TZ, 6);
			if (has(l, n, i, "Z07"))
				FOUND(STD_ISO_SHORT_TZ, 3);
			break;
		case '.':
		case ',':
			if (i + 1 < n && (l[i + 1] == '0' || l[i + 1] == '9')) {
				char ch = l[i + 1];
				size_t j = i + 1;
				while (j < n && l[j] == ch)
					j++;
				if (!digit_at(l, n, j)) {
					c->prefix = i;
					c->std = ch == '0' ? STD_FRAC0 : STD_FRAC9;
					c->len = j - i;
					c->digits = (int)((j - (i + 1)) & 0xfff);
					c->sep = l[i];
					return;
				}
			}
			break;
		}
	}
	c->prefix = n;
	c->std = STD_NONE;
	c->len = 0;
}

/* appendInt: decimal, zero-padded to width. */
static void put_int(hbuf *b, int64_t x, int width)
{
	char tmp[24];
	int n = 0;
	uint64_t u = x < 0 ? (uint64_t)0 - (uint64_t)x : (uint64_t)x;
	if (x < 0)
		hbuf_putc(b, '-');
	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	for (int i = n; i < width; i++)
		hbuf_putc(b, '0');
	while (n)
		hbuf_putc(b, tmp[--n]);
}

static void put_nano(hbuf *b, int32_t ns, const chunk *c)
{
	bool trim = c->std == STD_FRAC9;
	if (trim && (c->digits == 0 || ns == 0))
		return;
	char d[10];
	for (int i = 8; i >= 0; i--, ns /= 10)
		d[i] = (char)('0' + ns % 10);
	int n = c->digits < 9 ? c->digits : 9;
	if (trim)
		while (n > 0 && d[n - 1] == '0')
			n--;
	if (trim && n == 0)
		return;
	hbuf_putc(b, c->sep);
	hbuf_put(b, d, (size_t)n); /* Go prints at most 9 digits, whatever the layout asks */
}

static void put_zone(hbuf *b, int std, int32_t offset)
{
	bool iso = std >= STD_ISO_TZ && std <= STD_ISO_COLON_SEC_TZ;
	if (iso && offset == 0) {
		hbuf_putc(b, 'Z');
		return;
	}
	int32_t zone = offset / 60, abs = offset;
	if (zone < 0) {
		hbuf_putc(b, '-');
		zone = -zone;
		abs = -abs;
	} else {
		hbuf_putc(b, '+');
	}
	put_int(b, zone / 60, 2);
	bool colon = std == STD_ISO_COLON_TZ || std == STD_NUM_COLON_TZ ||
	             std == STD_ISO_COLON_SEC_TZ || std == STD_NUM_COLON_SEC_TZ;
	if (colon)
		hbuf_putc(b, ':');
	if (std != STD_NUM_SHORT_TZ && std != STD_ISO_SHORT_TZ)
		put_int(b, zone % 60, 2);
	if (std == STD_ISO_SEC_TZ || std == STD_NUM_SEC_TZ || std == STD_NUM_COLON_SEC_TZ ||
	    std == STD_ISO_COLON_SEC_TZ) {
		if (std == STD_NUM_COLON_SEC_TZ || std == STD_ISO_COLON_SEC_TZ)
			hbuf_putc(b, ':');
		put_int(b, abs % 60, 2);
	}
}

typedef struct civil {
	int64_t year;
	int month, day, hour, min, sec, wday, yday;
	hgotime_zinfo z;
} civil;

static void put_elem(hbuf *b, const chunk *c, const civil *v, const hgotime_time *t)
{
	int h12 = v->hour % 12 ? v->hour % 12 : 12;
	switch (c->std) {
	case STD_YEAR: put_int(b, (v->year < 0 ? -v->year : v->year) % 100, 2); break;
	case STD_LONG_YEAR: put_int(b, v->year, 4); break;
	case STD_MONTH: hbuf_put(b, long_months[v->month - 1], 3); break;
	case STD_LONG_MONTH: hbuf_puts(b, long_months[v->month - 1]); break;
	case STD_NUM_MONTH: put_int(b, v->month, 0); break;
	case STD_ZERO_MONTH: put_int(b, v->month, 2); break;
	case STD_WEEKDAY: hbuf_put(b, long_days[v->wday], 3); break;
	case STD_LONG_WEEKDAY: hbuf_puts(b, long_days[v->wday]); break;
	case STD_DAY: put_int(b, v->day, 0); break;
	case STD_UNDER_DAY:
		if (v->day < 10)
			hbuf_putc(b, ' ');
		put_int(b, v->day, 0);
		break;
	case STD_ZERO_DAY: put_int(b, v->day, 2); break;
	case STD_UNDER_YDAY:
		if (v->yday < 100)
			hbuf_puts(b, v->yday < 10 ? "  " : " ");
		put_int(b, v->yday, 0);
		break;
	case STD_ZERO_YDAY: put_int(b, v->yday, 3); break;
	case STD_HOUR: put_int(b, v->hour, 2); break;
	case STD_HOUR12: put_int(b, h12, 0); break;
	case STD_ZERO_HOUR12: put_int(b, h12, 2); break;
	case STD_MINUTE: put_int(b, v->min, 0); break;
	case STD_ZERO_MINUTE: put_int(b, v->min, 2); break;
	case STD_SECOND: put_int(b, v->sec, 0); break;
	case STD_ZERO_SECOND: put_int(b, v->sec, 2); break;
	case STD_PM: hbuf_puts(b, v->hour >= 12 ? "PM" : "AM"); break;
	case STD_pm: hbuf_puts(b, v->hour >= 12 ? "pm" : "am"); break;
	case STD_TZ:
		if (v->z.abbr_len) {
			hbuf_put(b, v->z.abbr, v->z.abbr_len);
		} else {
			int32_t zone = v->z.offset / 60;
			hbuf_putc(b, zone < 0 ? '-' : '+');
			zone = zone < 0 ? -zone : zone;
			put_int(b, zone / 60, 2);
			put_int(b, zone % 60, 2);
		}
		break;
	case STD_FRAC0:
	case STD_FRAC9: put_nano(b, t->nsec, c); break;
	default: put_zone(b, c->std, v->z.offset); break;
	}
}

void hgotime_format(hbuf *b, const hgotime_time *t, const char *l, size_t n)
{
	civil v;
	hgotime_lookup_full(t->loc, t->sec, &v.z);
	int64_t local = t->sec + v.z.offset;
	int64_t days = hcivil_floor_div(local, HCIVIL_SECS_PER_DAY);
	int64_t rem = hcivil_floor_mod(local, HCIVIL_SECS_PER_DAY);
	hcivil_from_days(days, &v.year, &v.month, &v.day);
	v.hour = (int)(rem / 3600);
	v.min = (int)(rem / 60 % 60);
	v.sec = (int)(rem % 60);
	v.wday = (int)hcivil_floor_mod(days + 4, 7);
	v.yday = (int)(days - hcivil_days_from(v.year, 1, 1) + 1);
	while (n) {
		chunk c;
		next_chunk(l, n, &c);
		hbuf_put(b, l, c.prefix);
		if (c.std == STD_NONE)
			break;
		put_elem(b, &c, &v, t);
		l += c.prefix + c.len;
		n -= c.prefix + c.len;
	}
}

void hgotime_string(hbuf *b, const hgotime_time *t)
{
	static const char layout[] = "2006-01-02 15:04:05.999999999 -0700 MST";
	hgotime_format(b, t, layout, sizeof layout - 1);
	if (!t->has_mono)
		return;
	uint64_t m = t->mono < 0 ? (uint64_t)0 - (uint64_t)t->mono : (uint64_t)t->mono;
	hbuf_puts(b, t->mono < 0 ? " m=-" : " m=+");
	uint64_t s = m / 1000000000, f = m % 1000000000;
	put_int(b, (int64_t)s, 0);
	hbuf_putc(b, '.');
	put_int(b, (int64_t)f, 9);
}

/* ------------------------------------------------------------------ parsing */

/* time's own quote(): ASCII printable kept, \ and " escaped, other bytes as \xNN. */
static void go_quote(hbuf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	hbuf_putc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || c < ' ') {
			hbuf_puts(b, "\\x");
			hbuf_putc(b, hex[c >> 4]);
			hbuf_putc(b, hex[c & 15]);
			continue;
		}
		if (c == '"' || c == '\\')
			hbuf_putc(b, '\\');
		hbuf_putc(b, (char)c);
	}
	hbuf_putc(b, '"');
}

typedef struct str {
	const char *p;
	size_t n;
} str;

static void adv(str *s, size_t k) { s->p += k, s->n -= k; }
static bool sdigit(const str *s, size_t i) { return i < s->n && s->p[i] >= '0' && s->p[i] <= '9'; }

/* leadingInt: [0-9]*, false on overflow past 1<<63. */
static bool leading_int(str *s, uint64_t *x)
{
	*x = 0;
	size_t i = 0;
	for (; i < s->n && s->p[i] >= '0' && s->p[i] <= '9'; i++) {
		if (*x > (1ull << 63) / 10)
			return false;
		*x = *x * 10 + (uint64_t)(s->p[i] - '0');
		if (*x > 1ull << 63)
			return false;
	}
	adv(s, i);
	return true;
}

/* time's atoi: optional sign, digits, nothing after. */
static bool go_atoi(str s, int64_t *out)
{
	bool neg = false;
	if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
		neg = s.p[0] == '-';
		adv(&s, 1);
	}
	uint64_t q;
	if (!leading_int(&s, &q) || s.n)
		return false;
	*out = neg ? -(int64_t)q : (int64_t)q;
	return true;
}

static bool getnum(str *s, bool fixed, int64_t *out)
{
	if (!sdigit(s, 0))
		return false;
	if (!sdigit(s, 1)) {
		if (fixed)
			return false;
		*out = s->p[0] - '0';
		adv(s, 1);
		return true;
	}
	*out = (s->p[0] - '0') * 10 + (s->p[1] - '0');
	adv(s, 2);
	return true;
}

static bool getnum3(str *s, bool fixed, int64_t *out)
{
	int64_t n = 0;
	size_t i = 0;
	for (; i < 3 && sdigit(s, i); i++)
		n = n * 10 + (s->p[i] - '0');
	if (i == 0 || (fixed && i != 3))
		return false;
	*out = n;
	adv(s, i);
	return true;
}

/* skip: the literal prefix, runs of spaces matching runs of spaces. */
static bool skip_lit(str *v, str pre)
{
	while (pre.n) {
		if (pre.p[0] == ' ') {
			if (v->n && v->p[0] != ' ')
				return false;
			while (pre.n && pre.p[0] == ' ')
				adv(&pre, 1);
			while (v->n && v->p[0] == ' ')
				adv(v, 1);
			continue;
		}
		if (!v->n || v->p[0] != pre.p[0])
			return false;
		adv(&pre, 1);
		adv(v, 1);
	}
	return true;
}

static int lookup_name(const char *const *tab, int count, size_t len, str *v)
{
	for (int i = 0; i < count; i++) {
		size_t k = len ? len : strlen(tab[i]);
		if (v->n < k)
			continue;
		bool ok = true;
		for (size_t j = 0; j < k && ok; j++) {
			unsigned char a = (unsigned char)v->p[j], b = (unsigned char)tab[i][j];
			if (a != b) {
				a |= 0x20, b |= 0x20;
				ok = a == b && a >= 'a' && a <= 'z';
			}
		}
		if (ok) {
			adv(v, k);
			return i;
		}
	}
	return -1;
}

static size_t signed_offset_len(str v)
{
	if (!v.n || (v.p[0] != '-' && v.p[0] != '+'))
		return 0;
	str r = {v.p + 1, v.n - 1};
	uint64_t x;
	if (!leading_int(&r, &x) || r.n == v.n - 1 || x > 23)
		return 0;
	return v.n - r.n;
}

/* parseTimeZone: how many bytes of v look like a zone abbreviation (0 = none). */
static size_t zone_len(str v)
{
	if (v.n < 3)
		return 0;
	if (v.n >= 4 && (memcmp(v.p, "ChST", 4) == 0 || memcmp(v.p, "MeST", 4) == 0))
		return 4;
	if (memcmp(v.p, "GMT", 3) == 0) {
		str r = {v.p + 3, v.n - 3};
		return 3 + (r.n ? signed_offset_len(r) : 0);
	}
	if (v.p[0] == '+' || v.p[0] == '-')
		return signed_offset_len(v);
	size_t up = 0;
	while (up < 6 && up < v.n && v.p[up] >= 'A' && v.p[up] <= 'Z')
		up++;
	if (up == 5 && v.p[4] == 'T')
		return 5;
	if (up == 4 && (v.p[3] == 'T' || memcmp(v.p, "WITA", 4) == 0))
		return 4;
	return up == 3 ? 3 : 0;
}

static bool parse_nanos(str v, size_t nb, int64_t *ns, const char **range)
{
	if (v.p[0] != '.' && v.p[0] != ',')
		return false;
	if (nb > 10)
		nb = 10;
	str d = {v.p + 1, nb - 1};
	if (!go_atoi(d, ns))
		return false;
	if (*ns < 0) {
		*range = "fractional second";
		return true;
	}
	for (size_t i = nb; i < 10; i++)
		*ns *= 10;
	return true;
}

typedef struct pstate {
	int64_t year, month, day, yday, hour, min, sec, nsec, zoff;
	bool am, pm, utc;
	str zname;
	const char *range;
} pstate;

/* The numeric zone forms: ±hh, ±hhmm, ±hh:mm, ±hhmmss, ±hh:mm:ss. */
static bool parse_num_zone(int std, str *v, pstate *p)
{
	const char *q = v->p;
	size_t need, hm = 3, ss = 0;
	bool colon = std == STD_ISO_COLON_TZ || std == STD_NUM_COLON_TZ;
	bool shrt = std == STD_NUM_SHORT_TZ || std == STD_ISO_SHORT_TZ;
	bool csec = std == STD_ISO_COLON_SEC_TZ || std == STD_NUM_COLON_SEC_TZ;
	bool sec = std == STD_ISO_SEC_TZ || std == STD_NUM_SEC_TZ;
	need = colon ? 6 : shrt ? 3 : csec ? 9 : sec ? 7 : 5;
	if (v->n < need || ((colon || csec) && q[3] != ':') || (csec && q[6] != ':'))
		return false;
	if (colon || csec)
		hm = 4;
	if (csec)
		ss = 7;
	else if (sec)
		ss = 5;
	str hh = {q + 1, 2}, mm = {shrt ? "00" : q + hm, 2}, sc = {ss ? q + ss : "00", 2};
	int64_t h, m, s;
	if (!getnum(&hh, true, &h) || !getnum(&mm, true, &m) || !getnum(&sc, true, &s))
		return adv(v, need), false;
	if (h > 24)
		p->range = "time zone offset hour";
	if (m > 60)
		p->range = "time zone offset minute";
	if (s > 60)
		p->range = "time zone offset second";
	p->zoff = (h * 60 + m) * 60 + s;
	adv(v, need);
	if (q[0] == '-')
		p->zoff = -p->zoff;
	return q[0] == '+' || q[0] == '-';
}

/* One layout element against the value; false = "cannot parse". */
static bool parse_elem(const chunk *c, str rest_layout, str *v, pstate *p)
{
	static const char *const short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	int64_t x;
	switch (c->std) {
	case STD_YEAR:
		if (v->n < 2 || !go_atoi((str){v->p, 2}, &x))
			return false;
		adv(v, 2);
		p->year = x >= 69 ? x + 1900 : x + 2000;
		return true;
	case STD_LONG_YEAR:
		if (v->n < 4 || !sdigit(v, 0) || !go_atoi((str){v->p, 4}, &p->year))
			return false;
		adv(v, 4);
		return true;
	case STD_MONTH:
	case STD_LONG_MONTH:
		p->month = lookup_name(long_months, 12, c->std == STD_MONTH ? 3 : 0, v) + 1;
		return p->month > 0;
	case STD_NUM_MONTH:
	case STD_ZERO_MONTH:
		if (!getnum(v, c->std == STD_ZERO_MONTH, &p->month))
			return false;
		if (p->month <= 0 || p->month > 12)
			p->range = "month";
		return true;
	case STD_WEEKDAY: return lookup_name(short_days, 7, 0, v) >= 0;
	case STD_LONG_WEEKDAY: return lookup_name(long_days, 7, 0, v) >= 0;
	case STD_DAY:
	case STD_UNDER_DAY:
	case STD_ZERO_DAY:
		if (c->std == STD_UNDER_DAY && v->n && v->p[0] == ' ')
			adv(v, 1);
		return getnum(v, c->std == STD_ZERO_DAY, &p->day);
	case STD_UNDER_YDAY:
	case STD_ZERO_YDAY:
		for (int i = 0; i < 2; i++)
			if (c->std == STD_UNDER_YDAY && v->n && v->p[0] == ' ')
				adv(v, 1);
		return getnum3(v, c->std == STD_ZERO_YDAY, &p->yday);
	case STD_HOUR:
		if (!getnum(v, false, &p->hour))
			return false;
		if (p->hour >= 24)
			p->range = "hour";
		return true;
	case STD_HOUR12:
	case STD_ZERO_HOUR12:
		if (!getnum(v, c->std == STD_ZERO_HOUR12, &p->hour))
			return false;
		if (p->hour > 12)
			p->range = "hour";
		return true;
	case STD_MINUTE:
	case STD_ZERO_MINUTE:
		if (!getnum(v, c->std == STD_ZERO_MINUTE, &p->min))
			return false;
		if (p->min >= 60)
			p->range = "minute";
		return true;
	case STD_SECOND:
	case STD_ZERO_SECOND: {
		if (!getnum(v, c->std == STD_ZERO_SECOND, &p->sec))
			return false;
		if (p->sec >= 60) {
			p->range = "second";
			return true;
		}
		/* a fraction in the value that the layout does not ask for */
		if (v->n >= 2 && (v->p[0] == '.' || v->p[0] == ',') && sdigit(v, 1)) {
			chunk nc;
			next_chunk(rest_layout.p, rest_layout.n, &nc);
			if (nc.std == STD_FRAC0 || nc.std == STD_FRAC9)
				return true;
			size_t n = 2;
			while (sdigit(v, n))
				n++;
			bool ok = parse_nanos(*v, n, &p->nsec, &p->range);
			adv(v, n);
			return ok;
		}
		return true;
	}
	case STD_PM:
	case STD_pm: {
		if (v->n < 2)
			return false;
		const char *pm = c->std == STD_PM ? "PM" : "pm", *am = c->std == STD_PM ? "AM" : "am";
		bool isp = memcmp(v->p, pm, 2) == 0, isa = memcmp(v->p, am, 2) == 0;
		adv(v, 2);
		p->pm |= isp;
		p->am |= isa;
		return isp || isa;
	}
	case STD_TZ: {
		if (v->n >= 3 && memcmp(v->p, "UTC", 3) == 0) {
			p->utc = true;
			adv(v, 3);
			return true;
		}
		size_t k = zone_len(*v);
		if (!k)
			return false;
		p->zname = (str){v->p, k};
		adv(v, k);
		return true;
	}
	case STD_FRAC0: {
		size_t nd = 1 + (size_t)c->digits;
		if (v->n < nd)
			return false;
		bool ok = parse_nanos(*v, nd, &p->nsec, &p->range);
		adv(v, nd);
		return ok;
	}
	case STD_FRAC9: {
		if (v->n < 2 || (v->p[0] != '.' && v->p[0] != ',') || !sdigit(v, 1))
			return true;
		size_t i = 0;
		while (sdigit(v, i + 1))
			i++;
		bool ok = parse_nanos(*v, 1 + i, &p->nsec, &p->range);
		adv(v, 1 + i);
		return ok;
	}
	default:
		if (c->std >= STD_ISO_TZ && c->std <= STD_ISO_COLON_SEC_TZ && v->n && v->p[0] == 'Z') {
			adv(v, 1);
			p->utc = true;
			return true;
		}
		return parse_num_zone(c->std, v, p);
	}
}

static bool perr(hbuf *why, str layout, str value, str lelem, str velem, const char *msg)
{
	hbuf_puts(why, "parsing time ");
	go_quote(why, value.p, value.n);
	if (msg) {
		hbuf_puts(why, msg);
		return false;
	}
	hbuf_puts(why, " as ");
	go_quote(why, layout.p, layout.n);
	hbuf_puts(why, ": cannot parse ");
	go_quote(why, velem.p, velem.n);
	hbuf_puts(why, " as ");
	go_quote(why, lelem.p, lelem.n);
	return false;
}

/* Day-of-year into month and day, and the final range checks. */
static bool resolve_date(pstate *p, str lay, str val, str rest, hbuf *why)
{
	str none = {"", 0};
	if (p->pm && p->hour < 12)
		p->hour += 12;
	else if (p->am && p->hour == 12)
		p->hour = 0;
	if (p->yday >= 0) {
		int64_t d = 0, m = 0, yd = p->yday;
		if (hcivil_is_leap(p->year)) {
			if (yd == 31 + 29)
				m = 2, d = 29;
			else if (yd > 31 + 29)
				yd--;
		}
		if (yd < 1 || yd > 365)
			return perr(why, lay, val, none, rest, ": day-of-year out of range");
		if (m == 0) {
			m = (yd - 1) / 31 + 1;
			if (hcivil_days_before((int)m + 1, 2001) < yd)
				m++;
			d = yd - hcivil_days_before((int)m, 2001);
		}
		if (p->month >= 0 && p->month != m)
			return perr(why, lay, val, none, rest, ": day-of-year does not match month");
		p->month = m;
		if (p->day >= 0 && p->day != d)
			return perr(why, lay, val, none, rest, ": day-of-year does not match day");
		p->day = d;
	} else {
		if (p->month < 0)
			p->month = 1;
		if (p->day < 0)
			p->day = 1;
	}
	if (p->day < 1 || p->day > hcivil_days_in((int)p->month, p->year))
		return perr(why, lay, val, none, rest, ": day out of range");
	return true;
}

bool hgotime_parse(harena *a, const char *layout, size_t llen, const char *value, size_t vlen,
               const hgotime_loc *loc, hgotime_time *out, hbuf *why)
{
	str lay = {layout, llen}, val = {value, vlen}, l = lay, v = val;
	pstate p = {.month = -1, .day = -1, .yday = -1, .zoff = -1, .zname = {"", 0}};
	for (;;) {
		chunk c;
		next_chunk(l.p, l.n, &c);
		str pre = {l.p, c.prefix}, stdstr = {l.p + c.prefix, c.len};
		if (!skip_lit(&v, pre))
			return perr(why, lay, val, pre, v, NULL);
		if (c.std == STD_NONE) {
			if (v.n) {
				hbuf extra = HBUF_INIT;
				hbuf_puts(&extra, ": extra text: ");
				go_quote(&extra, v.p, v.n);
				perr(why, lay, val, pre, v, hbuf_cstr(&extra));
				hbuf_free(&extra);
				return false;
			}
			break;
		}
		adv(&l, c.prefix + c.len);
		str hold = v;
		bool ok = parse_elem(&c, l, &v, &p);
		if (p.range) {
			hbuf m = HBUF_INIT;
			hbuf_puts(&m, ": ");
			hbuf_puts(&m, p.range);
			hbuf_puts(&m, " out of range");
			perr(why, lay, val, stdstr, v, hbuf_cstr(&m));
			hbuf_free(&m);
			return false;
		}
		if (!ok)
			return perr(why, lay, val, stdstr, hold, NULL);
	}
	if (!resolve_date(&p, lay, val, v, why))
		return false;
	if (p.utc) {
		*out = hgotime_date(p.year, p.month, p.day, p.hour, p.min, p.sec, p.nsec, hgotime_utc());
		return true;
	}
	if (p.zoff != -1) {
		hgotime_time t = hgotime_date(p.year, p.month, p.day, p.hour, p.min, p.sec, p.nsec, hgotime_utc());
		t.sec -= p.zoff;
		hgotime_zinfo z;
		hgotime_lookup_full(loc, t.sec, &z);
		if (z.offset == p.zoff &&
		    (p.zname.n == 0 || (z.abbr_len == p.zname.n && memcmp(z.abbr, p.zname.p, z.abbr_len) == 0))) {
			t.loc = loc;
		} else if (!(t.loc = hgotime_fixed(a, p.zname.p, p.zname.n, (int32_t)p.zoff))) {
			return false;
		}
		*out = t;
		return true;
	}
	if (p.zname.n) {
		hgotime_time t = hgotime_date(p.year, p.month, p.day, p.hour, p.min, p.sec, p.nsec, hgotime_utc());
		int32_t off = 0;
		bool found = false;
		for (int pass = 0; pass < 2 && !found && loc; pass++)
			for (size_t i = 0; i < loc->nzones && !found; i++) {
				const hgotime_zone *z = &loc->zones[i];
				if (strlen(z->abbr) != p.zname.n || memcmp(z->abbr, p.zname.p, p.zname.n) != 0)
					continue;
				hgotime_zinfo zi;
				hgotime_lookup_full(loc, t.sec - z->offset, &zi);
				if (pass == 1 || (zi.abbr_len == p.zname.n && memcmp(zi.abbr, p.zname.p, zi.abbr_len) == 0)) {
					off = pass == 1 ? z->offset : zi.offset;
					found = true;
				}
			}
		if (found) {
			t.sec -= off;
			t.loc = loc;
		} else {
			if (p.zname.n > 3 && memcmp(p.zname.p, "GMT", 3) == 0) {
				int64_t h = 0;
				go_atoi((str){p.zname.p + 3, p.zname.n - 3}, &h);
				off = (int32_t)(h * 3600);
			}
			if (!(t.loc = hgotime_fixed(a, p.zname.p, p.zname.n, off)))
				return false;
		}
		*out = t;
		return true;
	}
	*out = hgotime_date(p.year, p.month, p.day, p.hour, p.min, p.sec, p.nsec, loc);
	return true;
}

/* ------------------------------------------------------------------ durations */

/* fmtFrac: v's last prec digits as a fraction without trailing zeros. */
static void put_frac(char *buf, int *w, uint64_t *v, int prec)
{
	bool print = false;
	for (int i = 0; i < prec; i++) {
		int digit = (int)(*v % 10);
		print = print || digit != 0;
		if (print)
			buf[--*w] = (char)('0' + digit);
		*v /= 10;
	}
	if (print)
		buf[--*w] = '.';
}

static void put_uint_rev(char *buf, int *w, uint64_t v)
{
	if (v == 0) {
		buf[--*w] = '0';
		return;
	}
	while (v > 0) {
		buf[--*w] = (char)('0' + v % 10);
		v /= 10;
	}
}

void hgotime_duration_string(hbuf *b, int64_t d)
{
	char buf[40];
	int w = sizeof buf;
	uint64_t u = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
	if (u < 1000000000) {
		int prec = 0;
		buf[--w] = 's';
		if (u == 0) {
			hbuf_puts(b, "0s");
			return;
		} else if (u < 1000) {
			buf[--w] = 'n';
		} else if (u < 1000000) {
			prec = 3;
			w -= 2;
			memcpy(buf + w, "\xc2\xb5", 2); /* µ */
		} else {
			prec = 6;
			buf[--w] = 'm';
		}
		put_frac(buf, &w, &u, prec);
		put_uint_rev(buf, &w, u);
	} else {
		buf[--w] = 's';
		put_frac(buf, &w, &u, 9);
		put_uint_rev(buf, &w, u % 60);
		u /= 60;
		if (u > 0) {
			buf[--w] = 'm';
			put_uint_rev(buf, &w, u % 60);
			u /= 60;
			if (u > 0) {
				buf[--w] = 'h';
				put_uint_rev(buf, &w, u);
			}
		}
	}
	if (d < 0)
		buf[--w] = '-';
	hbuf_put(b, buf + w, sizeof buf - (size_t)w);
}

static bool dur_err(hbuf *why, const char *what, const char *s, size_t n)
{
	if (why) {
		hbuf_puts(why, what);
		go_quote(why, s, n);
	}
	return false;
}

static uint64_t unit_of(const char *u, size_t n)
{
	static const struct {
		const char *name;
		uint64_t ns;
	} units[] = {{"ns", 1},
	             {"us", 1000},
	             {"\xc2\xb5s", 1000},
	             {"\xce\xbcs", 1000},
	             {"ms", 1000000},
	             {"s", 1000000000},
	             {"m", 60000000000ull},
	             {"h", 3600000000000ull}};
	for (size_t i = 0; i < sizeof units / sizeof *units; i++)
		if (strlen(units[i].name) == n && memcmp(units[i].name, u, n) == 0)
			return units[i].ns;
	return 0;
}

bool hgotime_parse_duration(const char *orig, size_t on, int64_t *out, hbuf *why)
{
	str s = {orig, on};
	uint64_t d = 0;
	bool neg = false;
	const char *bad = "time: invalid duration ";
	if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
		neg = s.p[0] == '-';
		adv(&s, 1);
	}
	if (s.n == 1 && s.p[0] == '0') {
		*out = 0;
		return true;
	}
	if (!s.n)
		return dur_err(why, bad, orig, on);
	while (s.n) {
		uint64_t v, f = 0;
		double scale = 1;
		if (!(s.p[0] == '.' || (s.p[0] >= '0' && s.p[0] <= '9')))
			return dur_err(why, bad, orig, on);
		size_t pl = s.n;
		if (!leading_int(&s, &v))
			return dur_err(why, bad, orig, on);
		bool pre = pl != s.n, post = false;
		if (s.n && s.p[0] == '.') {
			adv(&s, 1);
			size_t pl2 = s.n;
			bool overflow = false;
			while (s.n && s.p[0] >= '0' && s.p[0] <= '9') {
				/* leadingFraction: stop gaining precision instead of failing */
				uint64_t y = f * 10 + (uint64_t)(s.p[0] - '0');
				if (!overflow && (f > (uint64_t)INT64_MAX / 10 || y > 1ull << 63))
					overflow = true;
				if (!overflow) {
					f = y;
					scale *= 10;
				}
				adv(&s, 1);
			}
			post = pl2 != s.n;
		}
		if (!pre && !post)
			return dur_err(why, bad, orig, on);
		size_t i = 0;
		while (i < s.n && s.p[i] != '.' && !(s.p[i] >= '0' && s.p[i] <= '9'))
			i++;
		if (i == 0)
			return dur_err(why, "time: missing unit in duration ", orig, on);
		uint64_t unit = unit_of(s.p, i);
		if (!unit) {
			if (why) {
				hbuf_puts(why, "time: unknown unit ");
				go_quote(why, s.p, i);
				hbuf_puts(why, " in duration ");
				go_quote(why, orig, on);
			}
			return false;
		}
		adv(&s, i);
		if (v > (1ull << 63) / unit)
			return dur_err(why, bad, orig, on);
		v *= unit;
		if (f > 0) {
			v += (uint64_t)((double)f * ((double)unit / scale));
			if (v > 1ull << 63)
				return dur_err(why, bad, orig, on);
		}
		d += v;
		if (d > 1ull << 63)
			return dur_err(why, bad, orig, on);
	}
	if (neg) {
		*out = (int64_t)(0 - d);
		return true;
	}
	if (d > (uint64_t)INT64_MAX)
		return dur_err(why, bad, orig, on);
	*out = (int64_t)d;
	return true;
}

int64_t hgotime_duration_round(int64_t d, int64_t m)
{
	if (m <= 0)
		return d;
	int64_t r = d % m;
	if (d < 0) {
		r = -r;
		if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
			return d + r;
		int64_t d1 = (int64_t)((uint64_t)d - (uint64_t)m + (uint64_t)r);
		return d1 < d ? d1 : INT64_MIN;
	}
	if ((uint64_t)r + (uint64_t)r < (uint64_t)m)
		return d - r;
	int64_t d1 = (int64_t)((uint64_t)d + (uint64_t)m - (uint64_t)r);
	return d1 > d ? d1 : INT64_MAX;
}
