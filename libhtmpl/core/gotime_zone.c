/* gotime_zone.c - Go's time.Location for gotime.c: the zone in effect at an instant
 * (src/time/zoneinfo.go Location.lookup, lookupFirstZone), the POSIX TZ rule of a TZif footer
 * for instants after the last transition (zoneinfo.go tzset, tzsetName, tzsetOffset,
 * tzsetRule, tzruleTime), TZif files (zoneinfo_read.go LoadLocationFromTZData) looked up in
 * $ZONEINFO and the platform zone directories (zoneinfo.go LoadLocation), Local from $TZ
 * (zoneinfo_unix.go initLocal) and FixedZone.
 *
 * No libc TZ machinery and no global state: loaded zones live in the caller's arena. */
#include "core/gotime_zone.h"
#include "core/civil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bounds of Go's zone ranges (alpha = -1 << 63, omega = 1<<63 - 1). */
#define ALPHA INT64_MIN
#define OMEGA INT64_MAX

static hgotime_zone utc_zone = {"UTC", 0, false};
static const hgotime_loc utc_loc = {"UTC", &utc_zone, 1, NULL, NULL, 0, NULL};

const hgotime_loc *hgotime_utc(void) { return &utc_loc; }

/* ------------------------------------------------------------------ tzset rules */

typedef struct tzrule {
	char kind; /* 'J' julian, 'D' day of year, 'M' month.week.day */
	int day, week, mon, time;
} tzrule;

static bool tz_name(const char **s, const char **name, size_t *len)
{
	const char *p = *s;
	if (*p == '<') {
		const char *e = strchr(p, '>');
		if (!e)
			return false;
		*name = p + 1;
		*len = (size_t)(e - p - 1);
		*s = e + 1;
		return true;
	}
	size_t i = 0;
	while (p[i] && !strchr("0123456789,-+", p[i]))
		i++;
	if (i < 3)
		return false;
	*name = p;
	*len = i;
	*s = p + i;
	return true;
}

static bool tz_num(const char **s, int min, int max, int *out)
{
	const char *p = *s;
	int n = 0, i = 0;
	for (; p[i] >= '0' && p[i] <= '9'; i++) {
		n = n * 10 + (p[i] - '0');
		if (n > max)
			return false;
	}
	if (i == 0 || n < min)
		return false;
	*s = p + i;
	*out = n;
	return true;
}

/* tzsetOffset: [+-]hh[:mm[:ss]], in seconds. */
static bool tz_offset(const char **s, int *out)
{
	int neg = 0, h, m = 0, sec = 0;
	if (**s == '+' || **s == '-')
		neg = *(*s)++ == '-';
	if (!tz_num(s, 0, 24 * 7, &h))
		return false;
	if (**s == ':') {
		(*s)++;
		if (!tz_num(s, 0, 59, &m))
			return false;
		if (**s == ':') {
			(*s)++;
			if (!tz_num(s, 0, 59, &sec))
				return false;
		}
	}
	*out = (h * 3600 + m * 60 + sec) * (neg ? -1 : 1);
	return true;
}

static bool tz_rule(const char **s, tzrule *r)
{
	memset(r, 0, sizeof *r);
	if (**s == 'J') {
		(*s)++;
		r->kind = 'J';
		if (!tz_num(s, 1, 365, &r->day))
			return false;
	} else if (**s == 'M') {
		(*s)++;
		r->kind = 'M';
		if (!tz_num(s, 1, 12, &r->mon) || *(*s)++ != '.' || !tz_num(s, 1, 5, &r->week) ||
		    *(*s)++ != '.' || !tz_num(s, 0, 6, &r->day))
			return false;
	} else {
		r->kind = 'D';
		if (!tz_num(s, 0, 365, &r->day))
			return false;
	}
	r->time = 2 * 3600;
	if (**s == '/') {
		(*s)++;
		if (!tz_offset(s, &r->time))
			return false;
	}
	return true;
}

/* tzruleTime: seconds from the start of the year (UTC) to the rule's instant. */
static int64_t tz_rule_time(int64_t year, const tzrule *r, int off)
{
	int64_t s = 0;
	if (r->kind == 'J') {
		s = (int64_t)(r->day - 1) * HCIVIL_SECS_PER_DAY;
		if (hcivil_is_leap(year) && r->day >= 60)
			s += HCIVIL_SECS_PER_DAY;
	} else if (r->kind == 'D') {
		s = (int64_t)r->day * HCIVIL_SECS_PER_DAY;
	} else {
		/* day of week of the 1st of the month, then the week'th such weekday */
		int64_t first = hcivil_days_from(year, r->mon, 1);
		int dow = (int)hcivil_floor_mod(first + 4, 7);
		int d = r->day - dow;
		if (d < 0)
			d += 7;
		for (int i = 1; i < r->week; i++) {
			if (d + 7 >= hcivil_days_in(r->mon, year))
				break;
			d += 7;
		}
		d += hcivil_days_before(r->mon, year);
		s = (int64_t)d * HCIVIL_SECS_PER_DAY;
	}
	return s + r->time - off;
}

/* Go's tzset: the zone for sec from a POSIX TZ string; false when malformed. */
static bool tzset(const char *s, int64_t last_tx, int64_t sec, hgotime_zinfo *z)
{
	const char *std, *dst;
	size_t stdn, dstn;
	int stdoff, dstoff;
	if (!tz_name(&s, &std, &stdn) || !tz_offset(&s, &stdoff))
		return false;
	stdoff = -stdoff;
	if (!*s || *s == ',') {
		*z = (hgotime_zinfo){std, stdn, stdoff, last_tx, OMEGA};
		return true;
	}
	if (!tz_name(&s, &dst, &dstn))
		return false;
	if (!*s || *s == ',') {
		dstoff = stdoff + 3600;
	} else {
		if (!tz_offset(&s, &dstoff))
			return false;
		dstoff = -dstoff;
	}
	if (!*s)
		s = ",M3.2.0,M11.1.0";
	if (*s != ',' && *s != ';')
		return false;
	s++;
	tzrule r1, r2;
	if (!tz_rule(&s, &r1) || *s++ != ',' || !tz_rule(&s, &r2) || *s)
		return false;
	int64_t days = hcivil_floor_div(sec, HCIVIL_SECS_PER_DAY), year;
	int mon, day;
	hcivil_from_days(days, &year, &mon, &day);
	int64_t ystart = hcivil_days_from(year, 1, 1) * HCIVIL_SECS_PER_DAY;
	int64_t ysec = sec - ystart;
	int64_t a = tz_rule_time(year, &r1, stdoff), b = tz_rule_time(year, &r2, dstoff);
	if (b < a) { /* southern hemisphere: the labels swap */
		int64_t t = a;
		a = b, b = t;
		const char *tn = std;
		std = dst, dst = tn;
		size_t tl = stdn;
		stdn = dstn, dstn = tl;
		int to = stdoff;
		stdoff = dstoff, dstoff = to;
	}
	if (ysec < a)
		*z = (hgotime_zinfo){std, stdn, stdoff, ystart, a + ystart};
	else if (ysec >= b)
		*z = (hgotime_zinfo){std, stdn, stdoff, b + ystart, ystart + 365 * HCIVIL_SECS_PER_DAY};
	else
		*z = (hgotime_zinfo){dst, dstn, dstoff, a + ystart, b + ystart};
	return true;
}

/* ------------------------------------------------------------------ lookup */

static size_t first_zone(const hgotime_loc *l)
{
	bool used = false;
	for (size_t i = 0; i < l->ntx && !used; i++)
		used = l->tx_zone[i] == 0;
	if (!used)
		return 0;
	if (l->ntx && l->zones[l->tx_zone[0]].dst) {
		for (int zi = (int)l->tx_zone[0] - 1; zi >= 0; zi--)
			if (!l->zones[zi].dst)
				return (size_t)zi;
	}
	for (size_t zi = 0; zi < l->nzones; zi++)
		if (!l->zones[zi].dst)
			return zi;
	return 0;
}

/* Location.lookup with the zone's validity range [start, end). */
void hgotime_lookup_full(const hgotime_loc *l, int64_t sec, hgotime_zinfo *z)
{
	if (!l || !l->nzones) {
		*z = (hgotime_zinfo){"UTC", 3, 0, ALPHA, OMEGA};
		return;
	}
	if (!l->ntx || sec < l->tx_when[0]) {
		const hgotime_zone *zz = &l->zones[first_zone(l)];
		*z = (hgotime_zinfo){zz->abbr, strlen(zz->abbr), zz->offset, ALPHA,
		                 l->ntx ? l->tx_when[0] : OMEGA};
		return;
	}
	size_t lo = 0, hi = l->ntx;
	int64_t end = OMEGA;
	while (hi - lo > 1) {
		size_t m = (lo + hi) / 2;
		if (sec < l->tx_when[m]) {
			end = l->tx_when[m];
			hi = m;
		} else {
			lo = m;
		}
	}
	const hgotime_zone *zz = &l->zones[l->tx_zone[lo]];
	*z = (hgotime_zinfo){zz->abbr, strlen(zz->abbr), zz->offset, l->tx_when[lo], end};
	hgotime_zinfo e;
	if (lo == l->ntx - 1 && l->extend && tzset(l->extend, z->start, sec, &e))
		*z = e;
}

void hgotime_lookup(const hgotime_loc *loc, int64_t sec, const char **abbr, size_t *abbr_len,
                int32_t *offset)
{
	hgotime_zinfo z;
	hgotime_lookup_full(loc, sec, &z);
	*abbr = z.abbr;
	*abbr_len = z.abbr_len;
	*offset = z.offset;
}

/* ------------------------------------------------------------------ loading zones */

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

typedef struct tzcounts {
	uint32_t isut, isstd, leap, time, type, chars;
} tzcounts;

static bool tz_counts(const unsigned char *d, size_t n, size_t at, tzcounts *c)
{
	if (at > n || n - at < 44 || memcmp(d + at, "TZif", 4) != 0)
		return false;
	const unsigned char *p = d + at + 20;
	*c = (tzcounts){be32(p), be32(p + 4), be32(p + 8), be32(p + 12), be32(p + 16), be32(p + 20)};
	return c->time < 1000000 && c->type < 256 && c->type > 0 && c->chars < 1000000 &&
	       c->leap < 1000000 && c->isut < 1000000 && c->isstd < 1000000;
}

static size_t block_size(const tzcounts *c, size_t tsize)
{
	return c->time * tsize + c->time + c->type * 6 + c->chars + c->leap * (tsize + 4) + c->isstd +
	       c->isut;
}

/* LoadLocationFromTZData (zoneinfo_read.go). */
static hgotime_loc *from_tzdata(harena *a, const char *name, const unsigned char *d, size_t n)
{
	tzcounts c;
	size_t at = 0, tsize = 4;
	if (!tz_counts(d, n, 0, &c))
		return NULL;
	if (d[4] >= '2') {
		at = 44 + block_size(&c, 4);
		tsize = 8;
		if (!tz_counts(d, n, at, &c))
			return NULL;
	}
	size_t body = at + 44, need = block_size(&c, tsize);
	if (n - body < need)
		return NULL;
	hgotime_loc *l = harena_zalloc(a, sizeof *l);
	if (!l)
		return NULL;
	const unsigned char *tt = d + body, *ti = tt + c.time * tsize, *ty = ti + c.time;
	const char *chars = (const char *)(ty + c.type * 6);
	l->name = harena_strdup(a, name);
	l->nzones = c.type;
	l->zones = harena_zalloc(a, c.type * sizeof *l->zones);
	l->ntx = c.time ? c.time : 1;
	l->tx_when = harena_alloc(a, l->ntx * sizeof *l->tx_when);
	l->tx_zone = harena_alloc(a, l->ntx);
	if (!l->name || !l->zones || !l->tx_when || !l->tx_zone)
		return NULL;
	for (size_t i = 0; i < c.type; i++) {
		const unsigned char *p = ty + i * 6;
		size_t ai = p[5], alen = 0;
		if (ai >= c.chars)
			return NULL;
		while (ai + alen < c.chars && chars[ai + alen])
			alen++;
		l->zones[i].offset = (int32_t)be32(p);
		l->zones[i].dst = p[4] != 0;
		if (!(l->zones[i].abbr = harena_strndup(a, chars + ai, alen)))
			return NULL;
	}
	for (size_t i = 0; i < c.time; i++) {
		l->tx_when[i] = tsize == 8 ? be64(tt + i * 8) : (int64_t)(int32_t)be32(tt + i * 4);
		if ((l->tx_zone[i] = ti[i]) >= c.type)
			return NULL;
	}
	if (!c.time) { /* a fake transition covering all time, as Go builds */
		l->tx_when[0] = ALPHA;
		l->tx_zone[0] = 0;
	}
	const char *foot = chars + c.chars + c.leap * (tsize + 4) + c.isstd + c.isut;
	size_t left = n - (size_t)((const unsigned char *)foot - d);
	if (tsize == 8 && left > 2 && foot[0] == '\n') {
		const char *e = memchr(foot + 1, '\n', left - 1);
		if (e && e > foot + 1 && !(l->extend = harena_strndup(a, foot + 1, (size_t)(e - foot - 1))))
			return NULL;
	}
	return l;
}

static hgotime_loc *load_file(harena *a, const char *name, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	unsigned char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0 || n > (1 << 22))
			break;
		if (n == cap) {
			unsigned char *nb = realloc(buf, cap *= 2);
			if (!nb)
				free(buf);
			buf = nb;
		}
	}
	fclose(f);
	hgotime_loc *l = buf ? from_tzdata(a, name, buf, n) : NULL;
	free(buf);
	return l;
}

static hgotime_loc *load_from_sources(harena *a, const char *name, const char *file)
{
	static const char *const dirs[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/",
	                                   "/usr/lib/locale/TZ/", "/etc/zoneinfo/"};
	char path[4096];
	const char *zi = getenv("ZONEINFO");
	if (zi && *zi && (size_t)snprintf(path, sizeof path, "%s/%s", zi, file) < sizeof path) {
		hgotime_loc *l = load_file(a, name, path);
		if (l)
			return l;
	}
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		if ((size_t)snprintf(path, sizeof path, "%s%s", dirs[i], file) >= sizeof path)
			return NULL;
		hgotime_loc *l = load_file(a, name, path);
		if (l)
			return l;
	}
	return NULL;
}

/* initLocal (zoneinfo_unix.go): $TZ unset → /etc/localtime, "" → UTC, ":x" → x, an absolute
 * path is read as is, another name from the zone directories, anything failing → UTC. */
const hgotime_loc *hgotime_local(harena *a)
{
	const char *tz = getenv("TZ");
	hgotime_loc *l = NULL;
	if (!tz) {
		l = load_file(a, "Local", "/etc/localtime");
	} else if (*tz) {
		if (*tz == ':')
			tz++;
		if (*tz == '/')
			l = load_file(a, strcmp(tz, "/etc/localtime") == 0 ? "Local" : tz, tz);
		else if (*tz && strcmp(tz, "UTC") != 0 && !strstr(tz, ".."))
			l = load_from_sources(a, tz, tz);
	}
	if (l) {
		l->local = true;
		return l;
	}
	hgotime_loc *u = harena_zalloc(a, sizeof *u);
	if (u) {
		u->name = "UTC"; /* no zones: lookup reports UTC+0 */
		u->local = true;
	}
	return u;
}

const hgotime_loc *hgotime_load(harena *a, const char *name, size_t len)
{
	if (len == 0 || (len == 3 && memcmp(name, "UTC", 3) == 0))
		return &utc_loc;
	if (len == 5 && memcmp(name, "Local", 5) == 0)
		return hgotime_local(a);
	if (memchr(name, 0, len) || name[0] == '/' || name[0] == '\\')
		return NULL;
	for (size_t i = 0; i + 1 < len; i++)
		if (name[i] == '.' && name[i + 1] == '.')
			return NULL;
	char *n = harena_strndup(a, name, len);
	return n ? load_from_sources(a, n, n) : NULL;
}

const hgotime_loc *hgotime_fixed(harena *a, const char *name, size_t len, int32_t offset)
{
	hgotime_loc *l = harena_zalloc(a, sizeof *l);
	hgotime_zone *z = harena_zalloc(a, sizeof *z);
	char *n = harena_strndup(a, name, len);
	if (!l || !z || !n)
		return NULL;
	z->abbr = n;
	z->offset = offset;
	l->name = n;
	l->zones = z;
	l->nzones = 1;
	l->tx_when = harena_alloc(a, sizeof *l->tx_when);
	l->tx_zone = harena_zalloc(a, 1);
	if (!l->tx_when || !l->tx_zone)
		return NULL;
	l->tx_when[0] = ALPHA;
	l->ntx = 1;
	return l;
}
