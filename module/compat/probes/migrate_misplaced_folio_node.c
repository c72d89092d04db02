// SPDX-License-Identifier: GPL-2.0
/* After 6.12 (seen on 7.2 and 7.3): migrate_misplaced_folio() lost its vma argument. */
#include <linux/migrate.h>
void *knuma_probe(void);
void *knuma_probe(void)
{
	int (*fn)(struct folio *, int) = migrate_misplaced_folio;
	return fn;
}
