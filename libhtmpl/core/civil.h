/* civil.h - civil-date arithmetic on int64 (civil.c), shared by Go's time (gotime.c) and its
 * locations (gotime_zone.c). */
#ifndef HTMPL_CIVIL_H
#define HTMPL_CIVIL_H

#include <stdbool.h>
#include <stdint.h>

#define HCIVIL_SECS_PER_DAY 86400

/* Division and remainder rounding toward negative infinity (Go's dates before 1970). */
static inline int64_t hcivil_floor_div(int64_t a, int64_t b)
{
	return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
static inline int64_t hcivil_floor_mod(int64_t a, int64_t b) { return a - hcivil_floor_div(a, b) * b; }

static inline bool hcivil_is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

/* Days in month m (1-12) of year y, and in the months before m. */
int hcivil_days_in(int m, int64_t y);
int hcivil_days_before(int m, int64_t y);
/* Days since 1970-01-01 of y-m-d, and back. */
int64_t hcivil_days_from(int64_t y, int m, int d);
void hcivil_from_days(int64_t z, int64_t *y, int *m, int *d);

#endif
