// SPDX-License-Identifier: GPL-2.0
/*
 * Before v6.4: the page isolation functions return int, 0 on success
 * (isolate_movable_page() shows it in the headers; folio_isolate_lru()
 * changed in the same series).
 */
#include <linux/build_bug.h>
#include <linux/migrate.h>
static_assert(__builtin_types_compatible_p(typeof(isolate_movable_page),
					   int (struct page *, isolate_mode_t)),
	      "isolate_movable_page() does not return int");
