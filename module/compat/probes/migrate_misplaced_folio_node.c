// SPDX-License-Identifier: GPL-2.0
/* v6.13: migrate_misplaced_folio() lost its vma argument. */
#include <linux/migrate.h>
void *knuma_probe(void);
void *knuma_probe(void)
{
	int (*fn)(struct folio *, int) = migrate_misplaced_folio;
	return fn;
}
