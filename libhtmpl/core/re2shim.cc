/* re2shim.cc - RE2 (Debian's libre2) behind a C interface, see re2shim.h.
 *
 * The only C++ file of the library. RE2 signals out of memory with std::bad_alloc; every
 * entry point catches it so no exception crosses into C. Options are RE2's defaults, which
 * are Go's regexp.Compile (Perl syntax, leftmost-first, UTF-8, one-line `^`/`$`). The memory
 * budget (program plus DFA caches) is RE2's 8 MB, and 64 MB for a pattern that does not fit
 * in it: RE2 expands each Unicode class into UTF-8 byte ranges, so \pL{1000}, which Go
 * accepts, needs about 32 MB. A pattern too large even then fails (regexp.c reports Go's
 * `expression too large`); RE2 falls back from its DFA to its NFA when a DFA cache fills,
 * so the budget bounds memory, never correctness or linear time. */
#include "core/re2shim.h"

#include <re2/re2.h>

#include <cstdint>
#include <new>
#include <vector>

struct hre2 {
	re2::RE2 *re;
};

static const int64_t MEM = int64_t(8) << 20, BIG_MEM = int64_t(64) << 20;

extern "C" hre2 *hre2_new(const char *pat, size_t n, bool *oom, int *code)
{
	*oom = false;
	*code = 0;
	try {
		re2::RE2::Options o;
		o.set_log_errors(false);
		o.set_max_mem(MEM);
		re2::RE2 *re = new re2::RE2(re2::StringPiece(pat, n), o);
		if (re->error_code() == re2::RE2::ErrorPatternTooLarge) {
			delete re;
			o.set_max_mem(BIG_MEM);
			re = new re2::RE2(re2::StringPiece(pat, n), o);
		}
		if (!re->ok()) {
			*code = re->error_code();
			delete re;
			return nullptr;
		}
		hre2 *h = new hre2;
		h->re = re;
		return h;
	} catch (const std::bad_alloc &) {
		*oom = true;
		return nullptr;
	}
}

extern "C" int hre2_ncap(const hre2 *h) { return h->re->NumberOfCapturingGroups(); }

extern "C" int hre2_match(const hre2 *h, const char *s, size_t n, size_t pos, size_t *caps,
                          int ncaps)
{
	try {
		re2::StringPiece text(s ? s : "", n);
		re2::StringPiece small[8];
		std::vector<re2::StringPiece> big;
		re2::StringPiece *sub = small;
		if (ncaps > 8) {
			big.resize(size_t(ncaps));
			sub = big.data();
		}
		if (!h->re->Match(text, pos, n, re2::RE2::UNANCHORED, sub, ncaps))
			return 0;
		for (int i = 0; i < ncaps; i++) {
			if (sub[i].data() == nullptr) {
				caps[2 * i] = caps[2 * i + 1] = SIZE_MAX;
			} else {
				caps[2 * i] = size_t(sub[i].data() - text.data());
				caps[2 * i + 1] = caps[2 * i] + sub[i].size();
			}
		}
		return 1;
	} catch (const std::bad_alloc &) {
		return -1;
	}
}

extern "C" void hre2_free(hre2 *h)
{
	if (!h)
		return;
	delete h->re;
	delete h;
}
