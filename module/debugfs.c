// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/debug/knuma/: read-only, root-only, not a stable ABI.
 * Anything writable lives in /sys/module/knuma/parameters, because lockdown
 * (Secure Boot) refuses writes to debugfs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>

#include "knuma.h"

static struct dentry *knuma_debugfs_dir;

static int knuma_status_show(struct seq_file *m, void *unused)
{
	seq_printf(m, "knuma %s\n", KNUMA_VERSION);
	seq_printf(m, "kernel: %s\n", init_utsname()->release);
	seq_printf(m, "enabled: %d\n", READ_ONCE(knuma_enabled) ? 1 : 0);
	seq_printf(m, "migrate_mode: %s\n", knuma_migrate_mode_name());
	seq_printf(m, "scope: %s\n", knuma_scope_name());
	seq_printf(m, "nodes: %d online, %d with memory, %d with cpus\n",
		   num_online_nodes(), num_node_state(N_MEMORY),
		   num_node_state(N_CPU));
	knuma_sysctl_show(m);
	knuma_symbols_show(m);
	knuma_hooks_show(m);
	knuma_scan_incontext_show(m);
	knuma_scan_skips_show(m);
	knuma_scan_threads_show(m);
	knuma_stats_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knuma_status);

static int knuma_mms_file_show(struct seq_file *m, void *unused)
{
	knuma_mms_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knuma_mms_file);

static int knuma_stats_file_open_show(struct seq_file *m, void *unused)
{
	knuma_stats_file_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knuma_stats_file_open);

static int knuma_nodes_file_open_show(struct seq_file *m, void *unused)
{
	knuma_nodes_file_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knuma_nodes_file_open);

static int knuma_tasks_file_show(struct seq_file *m, void *unused)
{
	knuma_mms_top_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knuma_tasks_file);

static int knuma_hist_file_open_show(struct seq_file *m, void *unused)
{
	knuma_hist_file_show(m);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(knuma_hist_file_open);

/**
 * knuma_debugfs_init() - create /sys/kernel/debug/knuma/
 *
 * Failures are not fatal and not checked, as debugfs wants.
 */
void knuma_debugfs_init(void)
{
	knuma_debugfs_dir = debugfs_create_dir(KBUILD_MODNAME, NULL);
	debugfs_create_file("status", 0400, knuma_debugfs_dir, NULL,
			    &knuma_status_fops);
	debugfs_create_file("mms", 0400, knuma_debugfs_dir, NULL,
			    &knuma_mms_file_fops);
	debugfs_create_file("stats", 0400, knuma_debugfs_dir, NULL,
			    &knuma_stats_file_open_fops);
	debugfs_create_file("nodes", 0400, knuma_debugfs_dir, NULL,
			    &knuma_nodes_file_open_fops);
	debugfs_create_file("tasks", 0400, knuma_debugfs_dir, NULL,
			    &knuma_tasks_file_fops);
	debugfs_create_file("histograms", 0400, knuma_debugfs_dir, NULL,
			    &knuma_hist_file_open_fops);
}

/**
 * knuma_debugfs_exit() - remove /sys/kernel/debug/knuma/
 */
void knuma_debugfs_exit(void)
{
	debugfs_remove_recursive(knuma_debugfs_dir);
	knuma_debugfs_dir = NULL;
}
