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

#include <stdbool.h>
#include <stdint.h>

/* A time.Location. Fixed zones have no transitions. */
typedef struct hgo_zone {
	const char *abbr;
	int32_t offset; /* seconds east of UTC */
	bool dst;
} hgo_zone;

typedef struct hgo_loc {
	const char *name; /* "UTC", "Local", "Europe/Paris" ... */
	hgo_zone *zones;
	size_t nzones;
	int64_t *tx_when; /* transition instants (Unix seconds), ascending */
	uint8_t *tx_zone; /* zone index of each transition */
	size_t ntx;
	const char *extend; /* POSIX TZ rule for instants after the last transition, or NULL */
} hgo_loc;

/* A time.Time: an instant and where it is shown. */
typedef struct hgo_time {
	int64_t sec;  /* Unix seconds */
	int32_t nsec; /* 0..999999999 */
	const hgo_loc *loc;
	bool has_mono; /* time.Now() carries a monotonic reading: String() prints m=+… */
	int64_t mono;  /* that reading in nanoseconds */
} hgo_time;

/* The UTC location (static). */
const hgo_loc *hgo_utc(void);
/* time.LoadLocation(name): "" and "UTC" give UTC, "Local" the local zone (TZ environment
 * variable as Go reads it, else /etc/localtime, else UTC); other names are read from
 * /usr/share/zoneinfo (or $ZONEINFO). NULL when unknown or invalid. Allocates in a. */
const hgo_loc *hgo_load(harena *a, const char *name, size_t len);
/* Go's Local. Never NULL unless out of memory. */
const hgo_loc *hgo_local(harena *a);
/* A fixed zone (time.FixedZone). */
const hgo_loc *hgo_fixed(harena *a, const char *name, size_t len, int32_t offset);

/* Location.lookup: the zone in effect at Unix second sec (abbr is not NUL-terminated). */
void hgo_lookup(const hgo_loc *loc, int64_t sec, const char **abbr, size_t *abbr_len,
                int32_t *offset);

/* time.Unix(sec, 0) style construction, and time.Date(...) in loc (normalising fields). */
hgo_time hgo_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec,
                  int64_t nsec, const hgo_loc *loc);

/* t.Format(layout) appended to b. */
void hgo_format(hbuf *b, const hgo_time *t, const char *layout, size_t len);
/* t.String(): "2006-01-02 15:04:05.999999999 -0700 MST" plus " m=±s.nnnnnnnnn". */
void hgo_string(hbuf *b, const hgo_time *t);
/* time.ParseInLocation(layout, value, loc). On failure returns false and writes Go's error
 * text (`parsing time "x" as "2006-01-02": cannot parse "x" as "2006"`) to *why. */
bool hgo_parse(harena *a, const char *layout, size_t llen, const char *value, size_t vlen,
               const hgo_loc *loc, hgo_time *out, hbuf *why);

/* Instants as civil fields in the time's location. */
void hgo_fields(const hgo_time *t, int64_t *year, int *month, int *day, int *hour, int *min,
                int *sec, int *wday, int *yday);

/* Durations (nanoseconds, Go's int64 time.Duration). */
void hgo_duration_string(hbuf *b, int64_t d);
/* time.ParseDuration; on failure writes `time: invalid duration "x"` etc. to *why. */
bool hgo_parse_duration(const char *s, size_t n, int64_t *out, hbuf *why);
int64_t hgo_duration_round(int64_t d, int64_t m);
/* t.Add(d) and t.Sub(u) (saturating as Go does). */
hgo_time hgo_add(const hgo_time *t, int64_t d);
int64_t hgo_sub(const hgo_time *t, const hgo_time *u);

#endif
