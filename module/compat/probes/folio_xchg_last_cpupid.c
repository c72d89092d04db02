// SPDX-License-Identifier: GPL-2.0
/* v6.7: page_cpupid_xchg_last() became folio_xchg_last_cpupid(). */
#include <linux/build_bug.h>
#include <linux/mm.h>
static_assert(__builtin_types_compatible_p(typeof(folio_xchg_last_cpupid),
					   int (struct folio *, int)),
	      "no folio_xchg_last_cpupid()");
