/* civil.c - civil-date arithmetic on int64: days in a month, days from 1970-01-01 to a
 * y-m-d and back, on the proleptic Gregorian calendar as Go's time package counts (the
 * days-from-civil algorithm, valid over the whole int64 range Go's dates reach). */
#include "core/civil.h"

int hcivil_days_in(int m, int64_t y)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && hcivil_is_leap(y) ? 29 : d[m - 1];
}

int hcivil_days_before(int m, int64_t y)
{
	int n = 0;
	for (int i = 1; i < m; i++)
		n += hcivil_days_in(i, y);
	return n;
}

int64_t hcivil_days_from(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = hcivil_floor_div(y, 400);
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void hcivil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	z += 719468;
	int64_t era = hcivil_floor_div(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}
