/* gotime_zone.h - Go's time.Location (gotime_zone.c): zones, transitions, lookup. */
#ifndef HTMPL_GOTIME_ZONE_H
#define HTMPL_GOTIME_ZONE_H

#include "core/arena.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A time.Location. Fixed zones have no transitions. */
typedef struct hgotime_zone {
	const char *abbr;
	int32_t offset; /* seconds east of UTC */
	bool dst;
} hgotime_zone;

typedef struct hgotime_loc {
	const char *name; /* "UTC", "Local", "Europe/Paris" ... */
	hgotime_zone *zones;
	size_t nzones;
	int64_t *tx_when; /* transition instants (Unix seconds), ascending */
	uint8_t *tx_zone; /* zone index of each transition */
	size_t ntx;
	const char *extend; /* POSIX TZ rule for instants after the last transition, or NULL */
	bool local;         /* Go's Local (GoString prints time.Local whatever its name) */
} hgotime_loc;

/* The UTC location (static). */
const hgotime_loc *hgotime_utc(void);
/* time.LoadLocation(name): "" and "UTC" give UTC, "Local" the local zone (TZ environment
 * variable as Go reads it, else /etc/localtime, else UTC); other names are read from
 * /usr/share/zoneinfo (or $ZONEINFO). NULL when unknown or invalid. Allocates in a. */
const hgotime_loc *hgotime_load(harena *a, const char *name, size_t len);
/* Go's Local. Never NULL unless out of memory. */
const hgotime_loc *hgotime_local(harena *a);
/* A fixed zone (time.FixedZone). */
const hgotime_loc *hgotime_fixed(harena *a, const char *name, size_t len, int32_t offset);

/* Location.lookup: the zone in effect at Unix second sec (abbr is not NUL-terminated). */
void hgotime_lookup(const hgotime_loc *loc, int64_t sec, const char **abbr, size_t *abbr_len,
                int32_t *offset);

/* The zone in effect at an instant and the range [start, end) of Unix seconds over which it
 * stays in effect (Location.lookup's name, offset, start, end). abbr is not NUL-terminated. */
typedef struct hgotime_zinfo {
	const char *abbr;
	size_t abbr_len;
	int32_t offset;
	int64_t start, end;
} hgotime_zinfo;

/* Location.lookup; a NULL or zoneless location is UTC. */
void hgotime_lookup_full(const hgotime_loc *l, int64_t sec, hgotime_zinfo *z);

#endif
