// SPDX-License-Identifier: GPL-2.0
/* v6.10: migrate_misplaced_page() became migrate_misplaced_folio(). */
#include <linux/migrate.h>
void *knuma_probe(void);
void *knuma_probe(void)
{
	int (*fn)(struct folio *, struct vm_area_struct *, int) = migrate_misplaced_folio;
	return fn;
}
