// SPDX-License-Identifier: GPL-2.0
/*
 * knuma: automatic NUMA balancing as a loadable module.
 *
 * Init is a ladder: resolve symbols, allocate, start the node threads,
 * create debugfs, and install the hooks last, when everything they reach
 * exists. Exit undoes exactly that, in reverse.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/module.h>
#include <linux/nodemask.h>
#include <linux/utsname.h>

#include "knuma.h"

static int __init knuma_init(void)
{
	int ret;

	/* scope_list entries given at load exist already: err_free_scope. */
	ret = knuma_symbols_resolve();
	if (ret)
		goto err_free_scope;

	ret = knuma_stats_init();
	if (ret)
		goto err_free_scope;

	ret = knuma_groups_init();
	if (ret)
		goto err_free_stats;

	ret = knuma_pageuse_init();
	if (ret)
		goto err_free_groups;

	ret = knuma_scan_threads_start();
	if (ret)
		goto err_free_pageuse;

	knuma_debugfs_init();

	knuma_sysctl_take();

	ret = knuma_hooks_install();
	if (ret)
		goto err_restore_sysctl;

	WRITE_ONCE(knuma_live, true);
	pr_info("%s loaded on %s: %d NUMA nodes, enabled=%d\n", KNUMA_VERSION,
		init_utsname()->release, num_online_nodes(), knuma_enabled);
#ifdef KNUMA_UNTESTED_KERNEL
	pr_warn("untested kernel %s: knuma is tested on series %s and was built with KNUMA_ALLOW_UNTESTED=1; watch 'knumastat' and dmesg\n",
		init_utsname()->release, KNUMA_UNTESTED_KERNEL);
#endif
	return 0;

err_restore_sysctl:
	knuma_sysctl_restore();
	knuma_debugfs_exit();
	knuma_scan_threads_stop();
	knuma_mms_release();
err_free_pageuse:
	knuma_pageuse_exit();
err_free_groups:
	knuma_groups_exit();
err_free_stats:
	knuma_stats_exit();
err_free_scope:
	knuma_scope_exit();
	return ret;
}

static void __exit knuma_exit(void)
{
	WRITE_ONCE(knuma_live, false);
	knuma_hooks_remove();
	knuma_sysctl_restore();
	knuma_debugfs_exit();
	knuma_scan_threads_stop();
	knuma_mms_release();
	knuma_pageuse_exit();
	knuma_groups_exit();
	knuma_stats_exit();
	knuma_scope_exit();
	/*
	 * The parameter files stay until exit returns: a scope_list write
	 * now is refused (-ENODEV). The test widens this window.
	 */
	if (knuma_test_exit_delay_ms)
		msleep(min(knuma_test_exit_delay_ms, 10000U));
	pr_info("unloaded\n");
}

module_init(knuma_init);
module_exit(knuma_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("The knuma developers");
MODULE_DESCRIPTION("Automatic NUMA balancing in per-node kernel threads");
MODULE_VERSION(KNUMA_VERSION);
