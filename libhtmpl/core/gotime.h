/* gotime.h - the parts of Go's time package that Sprig's date functions expose: instants
 * with a location, Go layouts (Format, Parse), time zones from the system tzdata (TZif files
 * plus their POSIX TZ footer, as Go's LoadLocation reads them), and Duration (String,
 * ParseDuration, Round).
 *
 * Everything is pure computation over caller-provided memory (the arena for loaded zones);
 * there is no global state and no use of libc's TZ machinery, so it is thread-safe. */
#ifndef HTMPL_GOTIME_H
#define HTMPL_GOTIME_H

#include "core/arena.h"
#include "core/buf.h"
#include "core/gotime_zone.h"

#include <stdbool.h>
#include <stdint.h>

/* A time.Time: an instant and where it is shown. */
typedef struct hgotime_time {
	int64_t sec;  /* Unix seconds */
	int32_t nsec; /* 0..999999999 */
	const hgotime_loc *loc;
	bool has_mono; /* time.Now() carries a monotonic reading: String() prints m=+… */
	int64_t mono;  /* that reading in nanoseconds */
} hgotime_time;

/* time.Unix(sec, 0) style construction, and time.Date(...) in loc (normalising fields). */
hgotime_time hgotime_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
                  int64_t nsec, const hgotime_loc *loc);

/* t.Format(layout) appended to b. */
void hgotime_format(hbuf *b, const hgotime_time *t, const char *layout, size_t len);
/* t.String(): "2006-01-02 15:04:05.999999999 -0700 MST" plus " m=±s.nnnnnnnnn". */
void hgotime_string(hbuf *b, const hgotime_time *t);
/* time.ParseInLocation(layout, value, loc). On failure returns false and writes Go's error
 * text (`parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`) to *why. */
bool hgotime_parse(harena *a, const char *layout, size_t llen, const char *value, size_t vlen,
               const hgotime_loc *loc, hgotime_time *out, hbuf *why);

/* Instants as civil fields in the time's location. */
void hgotime_fields(const hgotime_time *t, int64_t *year, int *month, int *day, int *hour, int *min,
                int *sec, int *wday, int *yday);

/* Durations (nanoseconds, Go's int64 time.Duration). */
void hgotime_duration_string(hbuf *b, int64_t d);
/* time.ParseDuration; on failure writes `time: invalid duration "x"` etc. to *why. */
bool hgotime_parse_duration(const char *s, size_t n, int64_t *out, hbuf *why);
int64_t hgotime_duration_round(int64_t d, int64_t m);
/* t.Add(d) and t.Sub(u) (saturating as Go does). */
hgotime_time hgotime_add(const hgotime_time *t, int64_t d);
int64_t hgotime_sub(const hgotime_time *t, const hgotime_time *u);

#endif
