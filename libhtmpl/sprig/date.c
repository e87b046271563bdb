/* fn_date.c - Sprig's date.go: now, date, dateInZone/date_in_zone, htmlDate,
 * htmlDateInZone, dateModify/date_modify, mustDateModify/must_date_modify, ago, duration,
 * durationRound, toDate, mustToDate, unixEpoch; over gotime.c (Go's time package).
 *
 * Values are time.Time objects that print like Go (`2006-01-02 15:04:05.999999999 -0700
 * MST`, plus ` m=+…` for now's monotonic reading) and marshal as RFC 3339. The clock is the
 * environment's (henv_now), so renders can be made deterministic. Traps kept from Sprig:
 * date/dateInZone/htmlDate take time.Time or int/int32/int64 seconds and silently use *now*
 * for anything else (a float64 from values.yaml included); a bad zone name means UTC;
 * `duration` reads only int64 or string (`duration 3700` with an int literal is `0s`);
 * toDate returns the zero time on a parse error.
 *
 * A time.Time offers Go 1.23's whole value method set to templates (Location, IsDST, Sub,
 * Round, GoString, MarshalBinary ...); Clock, Date, ISOWeek, Zone and ZoneBounds fail with
 * text/template's goodFunc text. Duration parameters take an integer literal or a
 * time.Duration (Sub's result), as in Go. Under
 * %d, %t ... fmt walks the struct {wall ext loc} (gofields_time). */
#include "sprig/sprig.h"
#include "value/env.h"
#include "core/gotime.h"
#include "core/strconv.h"

#include <stdint.h>
#include <string.h>
#include <time.h>

static const hobj_class time_class;
static const hobj_class month_class;
static const hobj_class weekday_class;

/* 0001-01-01 00:00:00 UTC, Go's zero Time. */
#define ZERO_SEC (-62135596800LL)

static bool is_time(const hv *v) { return v->type == HT_OBJECT && v->o && v->o->cls == &time_class; }
static const hgotime_time *time_of(const hv *v) { return (const hgotime_time *)v->o->data; }

static bool make_obj(hcall *c, const hobj_class *cls, const void *data, size_t size, hv *out)
{
	void *d = harena_alloc(c->arena, size);
	hobj *o = harena_alloc(c->arena, sizeof *o);
	if (!d || !o)
		return hcall_nomem(c);
	memcpy(d, data, size);
	o->cls = cls;
	o->data = d;
	*out = hv_of_obj(o);
	return true;
}

static bool make_time(hcall *c, const hgotime_time *t, hv *out)
{
	return make_obj(c, &time_class, t, sizeof *t, out);
}


static const hgotime_loc *local_loc(hcall *c) { return hgotime_local(c->arena); }

/* time.Now(): Local, with a monotonic reading (time since the render began: 0 here). */
static bool now_time(hcall *c, hgotime_time *t)
{
	int64_t sec;
	int32_t nsec;
	henv_now(c->env, &sec, &nsec);
	const hgotime_loc *loc = local_loc(c);
	if (!loc)
		return hcall_nomem(c);
	*t = (hgotime_time){sec, nsec, loc, true, 0};
	return true;
}

/* The date argument of date/dateInZone/htmlDate (types other than these mean now). */
static bool date_arg(hcall *c, const hv *v, bool int32_ok, hgotime_time *t)
{
	if (is_time(v)) {
		*t = *time_of(v);
		return true;
	}
	if (v->type == HT_INT64 || v->type == HT_INT || (int32_ok && v->type == HT_INT32)) {
		const hgotime_loc *loc = local_loc(c);
		if (!loc)
			return hcall_nomem(c);
		*t = (hgotime_time){v->i, 0, loc, false, 0};
		return true;
	}
	return now_time(c, t);
}

static bool in_zone(hcall *c, const hv *fmt, const hv *date, const char *zone, size_t zlen, hv *out)
{
	hgotime_time t;
	if (!date_arg(c, date, true, &t))
		return false;
	const hgotime_loc *loc = hgotime_load(c->arena, zone, zlen);
	t.loc = loc ? loc : hgotime_utc();
	hbuf b = HBUF_INIT;
	hgotime_format(&b, &t, fmt->s->data, fmt->s->len);
	return hcall_string_buf(c, &b, out);
}

static bool fn_now(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hgotime_time t;
	return now_time(c, &t) && make_time(c, &t, out);
}

static bool fn_date(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return in_zone(c, &argv[0], &argv[1], "Local", 5, out);
}

static bool fn_dateInZone(hcall *c, size_t argc, const hv *argv, hv *out)
{
	return in_zone(c, &argv[0], &argv[1], argv[2].s->data, argv[2].s->len, out);
}

static bool fn_htmlDate(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hv fmt = hv_of_str(hstr_new(c->arena, "2006-01-02", 10));
	if (!fmt.s)
		return hcall_nomem(c);
	return in_zone(c, &fmt, &argv[0], "Local", 5, out);
}

static bool fn_htmlDateInZone(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hv fmt = hv_of_str(hstr_new(c->arena, "2006-01-02", 10));
	if (!fmt.s)
		return hcall_nomem(c);
	return in_zone(c, &fmt, &argv[0], argv[1].s->data, argv[1].s->len, out);
}

/* dateModify: a bad duration returns the date unchanged; the must form reports it. */
static bool modify(hcall *c, const hv *argv, hv *out, bool must)
{
	int64_t d;
	hbuf why = HBUF_INIT;
	const hgotime_time *t = time_of(&argv[1]);
	if (!hgotime_parse_duration(argv[0].s->data, argv[0].s->len, &d, &why)) {
		if (must) {
			bool r = hcall_errorn(c, why.len ? why.data : "", why.len);
			hbuf_free(&why);
			return r;
		}
		hbuf_free(&why);
		return make_time(c, t, out);
	}
	hbuf_free(&why);
	hgotime_time r = hgotime_add(t, d);
	return make_time(c, &r, out);
}

static bool fn_dateModify(hcall *c, size_t n, const hv *a, hv *o) { return modify(c, a, o, false); }
static bool fn_mustDateModify(hcall *c, size_t n, const hv *a, hv *o) { return modify(c, a, o, true); }

/* ago: time.Since(t).Round(time.Second).String(); int32 is not accepted here. */
static bool fn_ago(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hgotime_time t, now;
	if (!date_arg(c, &argv[0], false, &t) || !now_time(c, &now))
		return false;
	hbuf b = HBUF_INIT;
	hgotime_duration_string(&b, hgotime_duration_round(hgotime_sub(&now, &t), 1000000000));
	return hcall_string_buf(c, &b, out);
}

/* strconv.ParseInt(s, 10, 64) with Sprig ignoring the error: the clamped value on
 * overflow, 0 on bad syntax. */
static int64_t parse_int10(const hstr *s)
{
	size_t i = 0;
	bool neg = false;
	if (s->len && (s->data[0] == '+' || s->data[0] == '-'))
		neg = s->data[i++] == '-';
	if (i == s->len)
		return 0;
	uint64_t v = 0;
	bool over = false;
	for (; i < s->len; i++) {
		unsigned d = (unsigned)(s->data[i] - '0');
		if (d > 9)
			return 0;
		if (!over && v > (UINT64_MAX - d) / 10)
			over = true;
		v = v * 10 + d;
	}
	if (neg)
		return over || v > (uint64_t)INT64_MAX + 1 ? INT64_MIN : (int64_t)(0 - v);
	return over || v > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)v;
}

static bool fn_duration(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t n = 0;
	if (argv[0].type == HT_STRING)
		n = parse_int10(argv[0].s);
	else if (argv[0].type == HT_INT64)
		n = argv[0].i;
	hbuf b = HBUF_INIT;
	/* time.Duration(n) * time.Second wraps around like Go's int64 multiply */
	hgotime_duration_string(&b, (int64_t)((uint64_t)n * 1000000000u));
	return hcall_string_buf(c, &b, out);
}

static bool fn_durationRound(hcall *c, size_t argc, const hv *argv, hv *out)
{
	int64_t d = 0;
	const hv *v = &argv[0];
	if (v->type == HT_STRING) {
		if (!hgotime_parse_duration(v->s->data, v->s->len, &d, NULL))
			d = 0;
	} else if (v->type == HT_INT64) {
		d = v->i;
	} else if (is_time(v)) {
		hgotime_time now;
		if (!now_time(c, &now))
			return false;
		d = hgotime_sub(&now, time_of(v));
	}
	uint64_t u = d < 0 ? (uint64_t)0 - (uint64_t)d : (uint64_t)d;
	static const struct {
		uint64_t ns;
		const char *unit;
	} steps[] = {{3600000000000ull * 24 * 365, "y"}, {3600000000000ull * 24 * 30, "mo"},
	             {3600000000000ull * 24, "d"},       {3600000000000ull, "h"},
	             {60000000000ull, "m"},              {1000000000ull, "s"}};
	hbuf b = HBUF_INIT;
	size_t i = 0;
	while (i < 6 && !(u > steps[i].ns))
		i++;
	if (i < 6)
		hbuf_printf(&b, "%llu%s", (unsigned long long)(u / steps[i].ns), steps[i].unit);
	else
		hbuf_puts(&b, "0s");
	return hcall_string_buf(c, &b, out);
}

static bool to_date(hcall *c, const hv *argv, hv *out, bool must)
{
	const hgotime_loc *loc = local_loc(c);
	if (!loc)
		return hcall_nomem(c);
	hgotime_time t;
	hbuf why = HBUF_INIT;
	if (!hgotime_parse(c->arena, argv[0].s->data, argv[0].s->len, argv[1].s->data, argv[1].s->len,
	               loc, &t, &why)) {
		if (must) {
			bool r = hbuf_ok(&why) ? hcall_errorn(c, why.len ? why.data : "", why.len) : hcall_nomem(c);
			hbuf_free(&why);
			return r;
		}
		t = (hgotime_time){ZERO_SEC, 0, hgotime_utc(), false, 0};
	}
	hbuf_free(&why);
	return make_time(c, &t, out);
}

static bool fn_toDate(hcall *c, size_t n, const hv *a, hv *o) { return to_date(c, a, o, false); }
static bool fn_mustToDate(hcall *c, size_t n, const hv *a, hv *o) { return to_date(c, a, o, true); }

static bool fn_unixEpoch(hcall *c, size_t argc, const hv *argv, hv *out)
{
	hbuf b = HBUF_INIT;
	hbuf_printf(&b, "%lld", (long long)time_of(&argv[0])->sec);
	return hcall_string_buf(c, &b, out);
}

/* ------------------------------------------------------------------ time.Time methods */

typedef struct tfields {
	int64_t year;
	int month, day, hour, min, sec, wday, yday;
} tfields;

static tfields fields_of(const hv *v)
{
	tfields f;
	hgotime_fields(time_of(v), &f.year, &f.month, &f.day, &f.hour, &f.min, &f.sec, &f.wday, &f.yday);
	return f;
}

static bool m_year(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int(fields_of(a).year); return true; }
static bool m_day(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int(fields_of(a).day); return true; }
static bool m_hour(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int(fields_of(a).hour); return true; }
static bool m_minute(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int(fields_of(a).min); return true; }
static bool m_second(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int(fields_of(a).sec); return true; }
static bool m_yearday(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int(fields_of(a).yday); return true; }
static bool m_nanosecond(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int(time_of(a)->nsec); return true; }
static bool m_unix(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int64(time_of(a)->sec); return true; }

static bool m_unixmilli(hcall *c, size_t n, const hv *a, hv *o)
{
	*o = hv_int64(time_of(a)->sec * 1000 + time_of(a)->nsec / 1000000);
	return true;
}

static bool m_unixnano(hcall *c, size_t n, const hv *a, hv *o)
{
	*o = hv_int64((int64_t)((uint64_t)time_of(a)->sec * 1000000000u + (uint64_t)time_of(a)->nsec));
	return true;
}

static bool m_month(hcall *c, size_t n, const hv *a, hv *o)
{
	int m = fields_of(a).month;
	return make_obj(c, &month_class, &m, sizeof m, o);
}

static bool m_weekday(hcall *c, size_t n, const hv *a, hv *o)
{
	int d = fields_of(a).wday;
	return make_obj(c, &weekday_class, &d, sizeof d, o);
}

static bool m_iszero(hcall *c, size_t n, const hv *a, hv *o)
{
	*o = hv_bool(time_of(a)->sec == ZERO_SEC && time_of(a)->nsec == 0);
	return true;
}

static bool m_format(hcall *c, size_t n, const hv *a, hv *o)
{
	hbuf b = HBUF_INIT;
	hgotime_format(&b, time_of(a), a[1].s->data, a[1].s->len);
	return hcall_string_buf(c, &b, o);
}

static bool m_string(hcall *c, size_t n, const hv *a, hv *o)
{
	hbuf b = HBUF_INIT;
	hgotime_string(&b, time_of(a));
	return hcall_string_buf(c, &b, o);
}

static bool m_utc(hcall *c, size_t n, const hv *a, hv *o)
{
	hgotime_time t = *time_of(a);
	t.loc = hgotime_utc();
	return make_time(c, &t, o);
}

static bool m_local(hcall *c, size_t n, const hv *a, hv *o)
{
	hgotime_time t = *time_of(a);
	if (!(t.loc = local_loc(c)))
		return hcall_nomem(c);
	return make_time(c, &t, o);
}

static bool m_adddate(hcall *c, size_t n, const hv *a, hv *o)
{
	tfields f = fields_of(a);
	const hgotime_time *t = time_of(a);
	hgotime_time r = hgotime_date(f.year + a[1].i, f.month + a[2].i, f.day + a[3].i, f.hour, f.min, f.sec,
	                      t->nsec, t->loc);
	return make_time(c, &r, o);
}

/* Before/After/Equal take a time.Time. */
static bool cmp_time(hcall *c, const hv *a, hv *o, int want)
{
	if (!is_time(&a[1]))
		return hcall_errorf(c, "wrong type for value; expected time.Time; got %s", hv_type_name(&a[1]));
	const hgotime_time *x = time_of(&a[0]), *y = time_of(&a[1]);
	int d = x->sec != y->sec ? (x->sec < y->sec ? -1 : 1) : (x->nsec > y->nsec) - (x->nsec < y->nsec);
	*o = hv_bool(d == want);
	return true;
}

static bool m_before(hcall *c, size_t n, const hv *a, hv *o) { return cmp_time(c, a, o, -1); }
static bool m_after(hcall *c, size_t n, const hv *a, hv *o) { return cmp_time(c, a, o, 1); }
static bool m_equal(hcall *c, size_t n, const hv *a, hv *o) { return cmp_time(c, a, o, 0); }


/* ---- the rest of time.Time's method set (Go 1.23), as text/template reaches it */

static const hobj_class location_class;
static const hobj_class duration_class;

static bool m_unixmicro(hcall *c, size_t n, const hv *a, hv *o)
{
	*o = hv_int64(time_of(a)->sec * 1000000 + time_of(a)->nsec / 1000);
	return true;
}

/* Location(): UTC for the zero location, else the location itself (*time.Location, which
 * prints its name: a fixed zone parsed from "+05:30" has the name ""). */
static bool m_location(hcall *c, size_t n, const hv *a, hv *o)
{
	const hgotime_loc *l = time_of(a)->loc ? time_of(a)->loc : hgotime_utc();
	return make_obj(c, &location_class, &l, sizeof l, o);
}

static bool m_isdst(hcall *c, size_t n, const hv *a, hv *o)
{
	const hgotime_loc *l = time_of(a)->loc;
	hgotime_zinfo z;
	hgotime_lookup_full(l, time_of(a)->sec, &z);
	bool dst = false;
	for (size_t i = 0; l && i < l->nzones; i++)
		if (l->zones[i].abbr == z.abbr && l->zones[i].offset == z.offset)
			dst = l->zones[i].dst;
	*o = hv_bool(dst);
	return true;
}

static bool make_duration(hcall *c, int64_t d, hv *o) { return make_obj(c, &duration_class, &d, sizeof d, o); }

/* time.Duration parameters (signature letter D): an integer literal converts as in Go, a
 * time.Duration value (Sub's result) passes, anything else is refused naming time.Duration. */
static int64_t duration_of(const hv *v)
{
	if (v->type == HT_OBJECT && v->o && v->o->cls == &duration_class)
		return *(const int64_t *)v->o->data;
	return v->i;
}

static bool m_add(hcall *c, size_t n, const hv *a, hv *o)
{
	hgotime_time t = hgotime_add(time_of(a), duration_of(&a[1]));
	return make_time(c, &t, o);
}

static bool m_sub(hcall *c, size_t n, const hv *a, hv *o)
{
	if (!is_time(&a[1]))
		return hcall_errorf(c, "wrong type for value; expected time.Time; got %s", hv_type_name(&a[1]));
	return make_duration(c, hgotime_sub(time_of(a), time_of(&a[1])), o);
}

static bool m_compare(hcall *c, size_t n, const hv *a, hv *o)
{
	if (!is_time(&a[1]))
		return hcall_errorf(c, "wrong type for value; expected time.Time; got %s", hv_type_name(&a[1]));
	const hgotime_time *x = time_of(&a[0]), *y = time_of(&a[1]);
	*o = hv_int(x->sec != y->sec ? (x->sec < y->sec ? -1 : 1) : (x->nsec > y->nsec) - (x->nsec < y->nsec));
	return true;
}

/* Round and Truncate work on the time since Go's zero time (time.go: div). */
static bool round_time(hcall *c, const hv *a, hv *o, bool round)
{
	hgotime_time t = *time_of(a);
	t.has_mono = false;
	int64_t d = duration_of(&a[1]);
	if (d > 0) {
		__int128 ns = (__int128)(t.sec - ZERO_SEC) * 1000000000 + t.nsec;
		int64_t r = (int64_t)(ns % d);
		int64_t back = -r;
		if (round && (uint64_t)r + (uint64_t)r >= (uint64_t)d)
			back = d - r;
		t = hgotime_add(&t, back);
		t.has_mono = false;
	}
	return make_time(c, &t, o);
}

static bool m_round(hcall *c, size_t n, const hv *a, hv *o) { return round_time(c, a, o, true); }
static bool m_truncate(hcall *c, size_t n, const hv *a, hv *o) { return round_time(c, a, o, false); }

static bool m_in(hcall *c, size_t n, const hv *a, hv *o)
{
	if (!(a[1].type == HT_OBJECT && a[1].o && a[1].o->cls == &location_class))
		return hcall_errorf(c, "wrong type for value; expected *time.Location; got %s", hv_type_name(&a[1]));
	hgotime_time t = *time_of(a);
	t.loc = *(const hgotime_loc *const *)a[1].o->data;
	return make_time(c, &t, o);
}

static bool bytes_result(hcall *c, hbuf *b, hv *o)
{
	if (!hcall_string_buf(c, b, o))
		return false;
	o->type = HT_BYTES;
	return true;
}

/* AppendFormat(b []byte, layout string) []byte; nil or a []byte only. */
static bool m_appendformat(hcall *c, size_t n, const hv *a, hv *o)
{
	if (a[1].type != HT_NIL && a[1].type != HT_BYTES)
		return hcall_errorf(c, "wrong type for value; expected []uint8; got %s", hv_type_name(&a[1]));
	hbuf b = HBUF_INIT;
	if (a[1].type == HT_BYTES)
		hbuf_put(&b, a[1].s->data, a[1].s->len);
	hgotime_format(&b, time_of(a), a[2].s->data, a[2].s->len);
	return bytes_result(c, &b, o);
}

/* MarshalText / MarshalJSON: RFC 3339 with nanoseconds, years 0..9999 only. */
static bool marshal_text(hcall *c, const hv *a, hv *o, bool json)
{
	static const char rfc3339nano[] = "2006-01-02T15:04:05.999999999Z07:00";
	int64_t y = fields_of(a).year;
	if (y < 0 || y > 9999)
		return hcall_errorf(c, "Time.%s: year outside of range [0,9999]", json ? "MarshalJSON" : "MarshalText");
	hbuf b = HBUF_INIT;
	if (json)
		hbuf_putc(&b, '"');
	hgotime_format(&b, time_of(a), rfc3339nano, sizeof rfc3339nano - 1);
	if (json)
		hbuf_putc(&b, '"');
	return bytes_result(c, &b, o);
}

static bool m_marshaljson(hcall *c, size_t n, const hv *a, hv *o) { return marshal_text(c, a, o, true); }
static bool m_marshaltext(hcall *c, size_t n, const hv *a, hv *o) { return marshal_text(c, a, o, false); }

/* MarshalBinary (and GobEncode): version 1 (2 when the offset has seconds), seconds since
 * year 1, nanoseconds, the offset in minutes (-1 for UTC), big-endian. */
static bool m_marshalbinary(hcall *c, size_t n, const hv *a, hv *o)
{
	const hgotime_time *t = time_of(a);
	int32_t off = 0;
	int min = -1, version = 1;
	if (t->loc && t->loc != hgotime_utc()) {
		hgotime_zinfo z;
		hgotime_lookup_full(t->loc, t->sec, &z);
		off = z.offset;
		if (off % 60 != 0)
			version = 2;
		if (off / 60 < -32768 || off / 60 > 32767 || off == -60)
			return hcall_errorf(c, "Time.MarshalBinary: unexpected zone offset");
		min = off / 60;
	}
	uint64_t sec = (uint64_t)(t->sec - ZERO_SEC);
	hbuf b = HBUF_INIT;
	hbuf_putc(&b, (char)version);
	for (int i = 7; i >= 0; i--)
		hbuf_putc(&b, (char)(sec >> (8 * i)));
	for (int i = 3; i >= 0; i--)
		hbuf_putc(&b, (char)((uint32_t)t->nsec >> (8 * i)));
	hbuf_putc(&b, (char)((uint16_t)min >> 8));
	hbuf_putc(&b, (char)(uint16_t)min);
	if (version == 2)
		hbuf_putc(&b, (char)(off % 60));
	return bytes_result(c, &b, o);
}

static void gostring_time(const hobj *o, hbuf *b);

/* GoString: time.Date(2024, time.February, 29, 12, 0, 0, 0, time.Location("")). */
static bool m_gostring(hcall *c, size_t n, const hv *a, hv *o)
{
	hbuf b = HBUF_INIT;
	gostring_time(a[0].o, &b);
	return hcall_string_buf(c, &b, o);
}

static void format_time(const hobj *o, hbuf *b) { hgotime_string(b, o->data); }

/* time.Time's fields as fmt walks them: wall (nanoseconds; no monotonic bit for parsed
 * times), ext (seconds since year 1), loc (nil for UTC, else a pointer: an address). */
static size_t gofields_time(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	const hgotime_time *t = o->data;
	if (!names || max < 3)
		return 3;
	hobj *loc = harena_alloc(a, sizeof *loc);
	const hgotime_loc **lp = harena_alloc(a, sizeof *lp);
	if (!loc || !lp || max < 3)
		return 0;
	hv wall = {.type = HT_UINT64};
	wall.u = (uint64_t)t->nsec;
	names[0] = "wall", vals[0] = wall;
	names[1] = "ext", vals[1] = hv_int64(t->sec - ZERO_SEC);
	*lp = t->loc;
	loc->cls = &location_class;
	loc->data = t->loc && t->loc != hgotime_utc() ? (void *)lp : NULL;
	names[2] = "loc", vals[2] = hv_of_obj(loc);
	return 3;
}

static void gostring_time(const hobj *o, hbuf *b)
{
	static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
	                                     "August", "September", "October", "November", "December"};
	int64_t y;
	int mo, d, h, mi, sec, wd, yd;
	const hgotime_time *t = o->data;
	hgotime_fields(t, &y, &mo, &d, &h, &mi, &sec, &wd, &yd);
	hbuf_printf(b, "time.Date(%lld, time.%s, %d, %d, %d, %d, %d, ", (long long)y, months[mo - 1], d, h,
	            mi, sec, (int)t->nsec);
	if (!t->loc || t->loc == hgotime_utc()) {
		hbuf_puts(b, "time.UTC");
	} else if (t->loc->local) {
		hbuf_puts(b, "time.Local");
	} else {
		hbuf_puts(b, "time.Location(");
		hstrconv_quote(b, t->loc->name, strlen(t->loc->name), false);
		hbuf_putc(b, ')');
	}
	hbuf_putc(b, ')');
}

/* MarshalJSON: RFC 3339 with nanoseconds. */
static bool marshal_time(const hobj *o, harena *a, hv *out)
{
	static const char rfc3339nano[] = "2006-01-02T15:04:05.999999999Z07:00";
	hbuf b = HBUF_INIT;
	hgotime_format(&b, o->data, rfc3339nano, sizeof rfc3339nano - 1);
	bool ok = hbuf_ok(&b) && hv_string(a, b.len ? b.data : "", b.len, out);
	hbuf_free(&b);
	return ok;
}

static bool no_field(const hobj *o, const char *name, size_t len, hv *out) { return false; }

/* time.Time's value-receiver method set. Methods with results text/template refuses carry
 * Go's goodFunc text, reported once the argument count is right (golden gosem/time-methods). */
static const hobj_method time_methods[] = {
	{"Add", m_add, "D"},           {"AddDate", m_adddate, "iii"}, {"After", m_after, "v"},
	{"AppendFormat", m_appendformat, "vs"},
	{"Before", m_before, "v"},     {"Clock", NULL, "", "3"},       {"Compare", m_compare, "v"},
	{"Date", NULL, "", "3"},       {"Day", m_day, ""},             {"Equal", m_equal, "v"},
	{"Format", m_format, "s"},     {"GoString", m_gostring, ""},   {"GobEncode", m_marshalbinary, ""},
	{"Hour", m_hour, ""},          {"ISOWeek", NULL, "", "int"},   {"In", m_in, "v"},
	{"IsDST", m_isdst, ""},        {"IsZero", m_iszero, ""},       {"Local", m_local, ""},
	{"Location", m_location, ""},  {"MarshalBinary", m_marshalbinary, ""},
	{"MarshalJSON", m_marshaljson, ""}, {"MarshalText", m_marshaltext, ""},
	{"Minute", m_minute, ""},      {"Month", m_month, ""},         {"Nanosecond", m_nanosecond, ""},
	{"Round", m_round, "D"},       {"Second", m_second, ""},       {"String", m_string, ""},
	{"Sub", m_sub, "v"},           {"Truncate", m_truncate, "D"},  {"UTC", m_utc, ""},
	{"Unix", m_unix, ""},          {"UnixMicro", m_unixmicro, ""}, {"UnixMilli", m_unixmilli, ""},
	{"UnixNano", m_unixnano, ""},  {"Weekday", m_weekday, ""},     {"Year", m_year, ""},
	{"YearDay", m_yearday, ""},    {"Zone", NULL, "", "int"},      {"ZoneBounds", NULL, "", "time.Time"},
};

static const hobj_class time_class = {
	.type_name = "time.Time",
	.kind = HK_STRUCT,
	.field = no_field,
	.methods = time_methods,
	.nmethods = sizeof time_methods / sizeof *time_methods,
	.format = format_time,
	.marshal = marshal_time,
	.gofields = gofields_time,
	.gostring = gostring_time,
};

static void format_month(const hobj *o, hbuf *b)
{
	static const char *const names[] = {"January", "February", "March",     "April",
	                                    "May",     "June",     "July",      "August",
	                                    "September", "October", "November", "December"};
	hbuf_puts(b, names[*(const int *)o->data - 1]);
}

static void format_weekday(const hobj *o, hbuf *b)
{
	static const char *const names[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
	                                    "Thursday", "Friday", "Saturday"};
	hbuf_puts(b, names[*(const int *)o->data]);
}

/* time.Month and time.Weekday are ints with a String method; JSON shows the number. */
static bool marshal_int(const hobj *o, harena *a, hv *out)
{
	*out = hv_int(*(const int *)o->data);
	return true;
}

static void format_location(const hobj *o, hbuf *b)
{
	if (!o->data) /* the nil *Location inside a UTC time (fmt's struct walk) */
		hbuf_puts(b, "<nil>");
	else
		hbuf_puts(b, (*(const hgotime_loc *const *)o->data)->name);
}

static bool m_loc_string(hcall *c, size_t n, const hv *a, hv *o)
{
	const hgotime_loc *l = *(const hgotime_loc *const *)a[0].o->data;
	return hv_string(c->arena, l->name, strlen(l->name), o) || hcall_nomem(c);
}

static const hobj_method location_methods[] = {{"String", m_loc_string, ""}};

/* ---- *time.Location as fmt walks it (%d, %#v, a bad verb's value): Go 1.23's
 * struct Location {name; zone []zone; tx []zoneTrans; extend; cacheStart, cacheEnd int64;
 * cacheZone *zone}, with zone {name string; offset int; isDST bool} and zoneTrans {when
 * int64; index uint8; isstd, isutc bool}. UTC (and Local when it falls back to UTC) has no
 * tables; a fixed zone has one zone, one transition at the dawn of time and a cache over
 * all time. A zone file's isstd/isutc flags are not kept (false here), and its cache is
 * the zone in effect now, as Go fills it when it loads the file (docs/DIFFERENCES.md). */

#define GO_ALPHA INT64_MIN /* time's alpha and omega: the ends of time */
#define GO_OMEGA INT64_MAX

static const hgotime_loc *loc_of(const hobj *o) { return *(const hgotime_loc *const *)o->data; }

/* The zone and transition tables, or none (UTC's Location{name: "UTC"}). */
static bool loc_tables(const hgotime_loc *l) { return l != hgotime_utc() && l->nzones > 0; }

typedef struct loc_elem {
	const hgotime_loc *loc;
	size_t i;
} loc_elem;

static size_t gofields_zone(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	if (!names || max < 3)
		return 3;
	const loc_elem *e = o->data;
	const hgotime_zone *z = &e->loc->zones[e->i];
	names[0] = "name", names[1] = "offset", names[2] = "isDST";
	if (!hv_string(a, z->abbr, strlen(z->abbr), &vals[0]))
		return 0;
	vals[1] = hv_int(z->offset);
	vals[2] = hv_bool(z->dst);
	return 3;
}

static size_t gofields_ztrans(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	if (!names || max < 4)
		return 4;
	const loc_elem *e = o->data;
	hv index = {.type = HT_UINT8};
	index.u = e->loc->tx_zone[e->i];
	names[0] = "when", vals[0] = hv_int64(e->loc->tx_when[e->i]);
	names[1] = "index", vals[1] = index;
	names[2] = "isstd", vals[2] = hv_bool(false);
	names[3] = "isutc", vals[3] = hv_bool(false);
	return 4;
}

static const hobj_class zone_class = {
	.type_name = "time.zone", .kind = HK_STRUCT, .field = no_field, .gofields = gofields_zone,
};
static const hobj_class ztrans_class = {
	.type_name = "time.zoneTrans", .kind = HK_STRUCT, .field = no_field, .gofields = gofields_ztrans,
};
/* cacheZone: data is the loc_elem of the zone, NULL for a nil pointer. */
static const hobj_class zone_ptr_class = {
	.type_name = "*time.zone", .kind = HK_PTR, .field = no_field, .gofields = gofields_zone,
};

/* []time.zone and []time.zoneTrans: data is the hgotime_loc, NULL for a nil slice. */
static size_t gofields_loc_slice(const hobj *o, harena *a, const char **names, hv *vals, size_t max,
                                 bool zones)
{
	const hgotime_loc *l = o->data;
	size_t n = !l ? 0 : zones ? l->nzones : l->ntx;
	if (!names)
		return n;
	size_t i = 0;
	for (; i < n && i < max; i++) {
		hobj *e = harena_alloc(a, sizeof *e);
		loc_elem *d = harena_alloc(a, sizeof *d);
		if (!e || !d)
			return i;
		d->loc = l, d->i = i;
		e->cls = zones ? &zone_class : &ztrans_class;
		e->data = d;
		names[i] = "", vals[i] = hv_of_obj(e);
	}
	return i;
}

static size_t gofields_zones(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	return gofields_loc_slice(o, a, names, vals, max, true);
}

static size_t gofields_ztranss(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	return gofields_loc_slice(o, a, names, vals, max, false);
}

static const hobj_class zones_class = {
	.type_name = "[]time.zone", .kind = HK_SLICE, .field = no_field, .gofields = gofields_zones,
};
static const hobj_class ztranss_class = {
	.type_name = "[]time.zoneTrans", .kind = HK_SLICE, .field = no_field, .gofields = gofields_ztranss,
};

static bool loc_obj(harena *a, const hobj_class *cls, const void *data, hv *out)
{
	hobj *o = harena_alloc(a, sizeof *o);
	if (!o)
		return false;
	o->cls = cls;
	o->data = (void *)data;
	*out = hv_of_obj(o);
	return true;
}

static size_t gofields_location(const hobj *o, harena *a, const char **names, hv *vals, size_t max)
{
	if (!names || max < 7)
		return 7;
	const hgotime_loc *l = loc_of(o);
	bool tables = loc_tables(l);
	int64_t start = 0, end = 0;
	loc_elem *cache = NULL;
	if (tables && l->ntx && l->tx_when[0] == GO_ALPHA && l->ntx == 1 && !l->extend) {
		start = GO_ALPHA, end = GO_OMEGA; /* a fixed zone */
		if (!(cache = harena_alloc(a, sizeof *cache)))
			return 0;
		cache->loc = l, cache->i = 0;
	} else if (tables && l->ntx && (int64_t)time(NULL) >= l->tx_when[0]) {
		hgotime_zinfo z;
		hgotime_lookup_full(l, (int64_t)time(NULL), &z);
		start = z.start, end = z.end;
		if (!(cache = harena_alloc(a, sizeof *cache)))
			return 0;
		cache->loc = l, cache->i = 0;
		for (size_t i = 0; i < l->nzones; i++)
			if (l->zones[i].offset == z.offset && strlen(l->zones[i].abbr) == z.abbr_len &&
			    memcmp(l->zones[i].abbr, z.abbr, z.abbr_len) == 0) {
				cache->i = i;
				break;
			}
	}
	const char *ext = l->extend ? l->extend : "";
	names[0] = "name", names[1] = "zone", names[2] = "tx", names[3] = "extend";
	names[4] = "cacheStart", names[5] = "cacheEnd", names[6] = "cacheZone";
	if (!hv_string(a, l->name, strlen(l->name), &vals[0]) ||
	    !loc_obj(a, &zones_class, tables ? l : NULL, &vals[1]) ||
	    !loc_obj(a, &ztranss_class, tables ? l : NULL, &vals[2]) ||
	    !hv_string(a, ext, strlen(ext), &vals[3]) ||
	    !loc_obj(a, &zone_ptr_class, cache, &vals[6]))
		return 0;
	vals[4] = hv_int64(start);
	vals[5] = hv_int64(end);
	return 7;
}

/* *time.Location: no exported fields; String() is its name; JSON {}. */
static const hobj_class location_class = {
	.type_name = "*time.Location", .kind = HK_PTR, .field = no_field,
	.methods = location_methods, .nmethods = 1, .format = format_location,
	.gofields = gofields_location,
};

static void format_duration(const hobj *o, hbuf *b) { hgotime_duration_string(b, *(const int64_t *)o->data); }

static bool marshal_int64(const hobj *o, harena *a, hv *out)
{
	*out = hv_int64(*(const int64_t *)o->data);
	return true;
}

static bool m_dur_string(hcall *c, size_t n, const hv *a, hv *o)
{
	hbuf b = HBUF_INIT;
	hgotime_duration_string(&b, *(const int64_t *)a[0].o->data);
	return hcall_string_buf(c, &b, o);
}

static int64_t dur_of(const hv *a) { return *(const int64_t *)a[0].o->data; }

static bool m_dur_hours(hcall *c, size_t n, const hv *a, hv *o)
{ /* Go splits whole hours and the rest to keep precision */
	int64_t d = dur_of(a), h = d / 3600000000000LL, ns = d % 3600000000000LL;
	*o = hv_float((double)h + (double)ns / 3.6e12);
	return true;
}

static bool m_dur_minutes(hcall *c, size_t n, const hv *a, hv *o)
{
	int64_t d = dur_of(a), m = d / 60000000000LL, ns = d % 60000000000LL;
	*o = hv_float((double)m + (double)ns / 6e10);
	return true;
}

static bool m_dur_seconds(hcall *c, size_t n, const hv *a, hv *o)
{
	int64_t d = dur_of(a), sec = d / 1000000000LL, ns = d % 1000000000LL;
	*o = hv_float((double)sec + (double)ns / 1e9);
	return true;
}

static bool m_dur_ms(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int64(dur_of(a) / 1000000); return true; }
static bool m_dur_us(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int64(dur_of(a) / 1000); return true; }
static bool m_dur_ns(hcall *c, size_t n, const hv *a, hv *o) { *o = hv_int64(dur_of(a)); return true; }

static bool m_dur_abs(hcall *c, size_t n, const hv *a, hv *o)
{
	int64_t d = dur_of(a);
	return make_duration(c, d >= 0 ? d : d == INT64_MIN ? INT64_MAX : -d, o);
}

static bool m_dur_round(hcall *c, size_t n, const hv *a, hv *o)
{
	return make_duration(c, hgotime_duration_round(dur_of(a), duration_of(&a[1])), o);
}

static bool m_dur_truncate(hcall *c, size_t n, const hv *a, hv *o)
{
	int64_t d = dur_of(a), m = duration_of(&a[1]);
	return make_duration(c, m <= 0 ? d : d - d % m, o);
}

/* Go 1.23's time.Duration method set. */
static const hobj_method duration_methods[] = {
	{"Abs", m_dur_abs, ""},           {"Hours", m_dur_hours, ""},
	{"Microseconds", m_dur_us, ""},   {"Milliseconds", m_dur_ms, ""},
	{"Minutes", m_dur_minutes, ""},   {"Nanoseconds", m_dur_ns, ""},
	{"Round", m_dur_round, "D"},      {"Seconds", m_dur_seconds, ""},
	{"String", m_dur_string, ""},     {"Truncate", m_dur_truncate, "D"},
};

/* String() of time.Month and time.Weekday. */
static bool m_int_string(hcall *c, size_t n, const hv *a, hv *o)
{
	hbuf b = HBUF_INIT;
	a[0].o->cls->format(a[0].o, &b);
	return hcall_string_buf(c, &b, o);
}

static const hobj_method int_methods[] = {{"String", m_int_string, ""}};

/* time.Duration (Sub's result): an int64 that prints as 1h2m3s. */
static const hobj_class duration_class = {
	.type_name = "time.Duration", .kind = HK_INT64, .field = no_field,
	.methods = duration_methods, .nmethods = sizeof duration_methods / sizeof *duration_methods,
	.format = format_duration, .marshal = marshal_int64,
};

static const hobj_class month_class = {
	.type_name = "time.Month", .kind = HK_INT, .field = no_field,
	.methods = int_methods, .nmethods = 1, .format = format_month, .marshal = marshal_int,
};

static const hobj_class weekday_class = {
	.type_name = "time.Weekday", .kind = HK_INT, .field = no_field,
	.methods = int_methods, .nmethods = 1, .format = format_weekday, .marshal = marshal_int,
};

static const hfunc_def defs[] = {
	{"now", fn_now, ""},
	{"date", fn_date, "sv"},
	{"dateInZone", fn_dateInZone, "svs"},
	{"date_in_zone", fn_dateInZone, "svs"},
	{"htmlDate", fn_htmlDate, "v"},
	{"htmlDateInZone", fn_htmlDateInZone, "vs"},
	{"dateModify", fn_dateModify, "st"},
	{"date_modify", fn_dateModify, "st"},
	{"mustDateModify", fn_mustDateModify, "st"},
	{"must_date_modify", fn_mustDateModify, "st"},
	{"ago", fn_ago, "v"},
	{"duration", fn_duration, "v"},
	{"durationRound", fn_durationRound, "v"},
	{"toDate", fn_toDate, "ss"},
	{"mustToDate", fn_mustToDate, "ss"},
	{"unixEpoch", fn_unixEpoch, "t"},
};

bool hsprig_date(henv *env) { return henv_add_defs(env, defs, sizeof defs / sizeof *defs); }
