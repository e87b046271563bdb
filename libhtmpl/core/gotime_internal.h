/* gotime_internal.h - pieces shared by gotime.c (Date, layouts, Parse, durations) and
 * gotime_zone.c (locations, TZif, tzset rules): civil-date arithmetic on int64 (proleptic
 * Gregorian, like Go) and the zone lookup with its validity range. Not a shared contract. */
#ifndef HTMPL_GOTIME_INTERNAL_H
#define HTMPL_GOTIME_INTERNAL_H

#include "core/gotime.h"

#define HGO_SECS_PER_DAY 86400

/* Division and remainder rounding toward negative infinity (Go's dates before 1970). */
static inline int64_t hgo_floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
static inline int64_t hgo_floor_mod(int64_t a, int64_t b) { return a - hgo_floor_div(a, b) * b; }

static inline bool hgo_is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

/* Days in month m (1-12) of year y, and in the months before m. */
int hgo_days_in(int m, int64_t y);
int hgo_days_before(int m, int64_t y);
/* Days since 1970-01-01 of y-m-d, and back. */
int64_t hgo_days_from_civil(int64_t y, int m, int d);
void hgo_civil_from_days(int64_t z, int64_t *y, int *m, int *d);

/* The zone in effect at an instant and the range [start, end) of Unix seconds over which it
 * stays in effect (Location.lookup's name, offset, start, end). abbr is not NUL-terminated. */
typedef struct hgo_zinfo {
	const char *abbr;
	size_t abbr_len;
	int32_t offset;
	int64_t start, end;
} hgo_zinfo;

/* Location.lookup; a NULL or zoneless location is UTC. Implemented in gotime_zone.c. */
void hgo_lookup_full(const hgo_loc *l, int64_t sec, hgo_zinfo *z);

#endif
