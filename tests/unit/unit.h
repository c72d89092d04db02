/* SPDX-License-Identifier: GPL-2.0 */
/* The suites of the host unit test binary. */
#ifndef KNUMA_UNIT_H
#define KNUMA_UNIT_H

#include <check.h>

Suite *migrate_suite(void);
Suite *scope_suite(void);
Suite *relevance_suite(void);

#endif /* KNUMA_UNIT_H */
