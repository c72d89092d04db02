#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the bench's raw lines into bench.csv, series.csv, a table and a plot."""
import csv
import sys
from pathlib import Path

out = Path(sys.argv[1])
rows = []
for line in (out / "results.txt").read_text().splitlines():
    rows.append(dict(kv.split("=", 1) for kv in line.split()))
series = [line.split() for line in (out / "series.txt").read_text().splitlines()]


def per_page(r):
    """Scan cost per page moved: PTEs marked and hint faults taken."""
    moved = int(r.get("pages_migrated", 0))
    for k in ("pte_updates", "hint_faults"):
        r[k + "_per_page"] = ("%.2f" % (int(r[k]) / moved)) if k in r and moved else "-"


for r in rows:
    # Pages the knuma threads moved per second of their own migration time.
    ms, pages = float(r.get("knuma_mig_ms", 0)), int(r.get("knuma_mig_pages", 0))
    r["knuma_pages_per_s"] = "%.0f" % (pages / ms * 1000) if ms > 0 else "-"
    per_page(r)

cols = ["kernel", "mode", "reached_ms", "final_pct", "tnw_calls", "tnw_ms",
        "cpn_incontext", "mig_calls", "mig_ms", "pages_migrated", "knuma_cpu_ms",
        "knuma_scan_ms", "knuma_mig_ms", "knuma_mig_pages", "knuma_pages_per_s",
        "pte_updates", "hint_faults", "pte_updates_per_page", "hint_faults_per_page",
        "max_stall_ms", "data"]
with open(out / "bench.csv", "w", newline="") as fh:
    w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
with open(out / "series.csv", "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["kernel", "mode", "t_ms", "pct_on_target"])
    w.writerows(series)



def print_table(heads, keys, sel):
    table = [heads] + [[r.get(k, "") for k in keys] for r in sel]
    widths = [max(len(str(row[i])) for row in table) for i in range(len(heads))]
    for i, row in enumerate(table):
        print("| " + " | ".join(str(c).rjust(widths[j]) for j, c in enumerate(row)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")


def median_row(rs):
    """One row with the medians of a sparse mode's runs (never reached sorts last)."""
    out = dict(rs[0])
    out["rep"] = "median of %d" % len(rs)
    for key in ("reached_ms", "pte_updates", "hint_faults", "pages_migrated"):
        vals = sorted(int(r[key]) if int(r[key]) >= 0 else 1 << 62 for r in rs if key in r)
        if vals:
            v = vals[(len(vals) - 1) // 2]
            out[key] = str(v if v < 1 << 62 else -1)
    per_page(out)
    return out


def run_ratios(runs_ml, runs_kn):
    """knuma's time over mainline's, run by run (runs paired by their number)."""
    ml = {r.get("rep", "1"): int(r["reached_ms"]) for r in runs_ml}
    out = []
    for r in runs_kn:
        m, kn = ml.get(r.get("rep", "1"), -1), int(r["reached_ms"])
        out.append("%.2f" % (kn / m) if m > 0 and kn >= 0 else "-")
    return ", ".join(out)


def time_verdict(kn, ml):
    """knuma's time to 90 % over mainline's, against the 1.5 target."""
    if int(kn["reached_ms"]) >= 0 and int(ml["reached_ms"]) > 0:
        ratio = int(kn["reached_ms"]) / int(ml["reached_ms"])
        return "time to 90%% / mainline %.2f (%s)" % (
            ratio, "ok, <= 1.5" if ratio <= 1.5 else "OVER 1.5")
    return "time to 90%%: %s ms, mainline %s ms" % (kn["reached_ms"], ml["reached_ms"])


def sparse_verdict(k, pre, sml, skn, note=""):
    """The acceptance line of one sparse variant: PTE updates and time vs mainline."""
    if not (sml and skn and int(sml["pte_updates"]) > 0):
        return
    share = int(skn["pte_updates"]) / int(sml["pte_updates"]) * 100
    verdict = ["PTE updates %.1f%% of mainline's (%s)" %
               (share, "ok, <= 25%" if share <= 25 else "OVER 25%")]
    verdict.append(time_verdict(skn, sml))
    print("%s %s knuma-async: %s%s" % (k, pre, "; ".join(verdict), note))


follow = [r for r in rows if not r["mode"].startswith("sparse-")]
sparse = [r for r in rows if r["mode"].startswith("sparse-")]
sparse_runs = {}
for r in sparse:
    sparse_runs.setdefault((r["kernel"], r["mode"]), []).append(r)
sparse_median = {km: median_row(rs) for km, rs in sparse_runs.items()}
print_table(["kernel", "mode", "90% local (ms)", "local at end %", "pages migrated",
             "in-ctx scans", "in-ctx tnw ms", "in-ctx migrate calls", "in-ctx migrate ms",
             "knuma scan ms", "knuma migrate ms", "pages/s of knuma time",
             "PTE updates / page", "hint faults / page", "worst stall ms"],
            ["kernel", "mode", "reached_ms", "final_pct", "pages_migrated", "cpn_incontext",
             "tnw_ms", "mig_calls", "mig_ms", "knuma_scan_ms", "knuma_mig_ms",
             "knuma_pages_per_s", "pte_updates_per_page", "hint_faults_per_page",
             "max_stall_ms"], follow)
if sparse:
    print()
    print("Sparse: 1 GiB first-touched on node 0; 64 MiB of it written by 2 threads on node 0,")
    print("then from node 1 (sparse-cold: from node 1 at once, right after the first touch)")
    heads = ["kernel", "mode", "run", "90% local (ms)", "local at end %", "pages migrated",
             "PTE updates", "hint faults", "PTE updates / page", "worst stall ms"]
    keys = ["kernel", "mode", "rep", "reached_ms", "final_pct", "pages_migrated",
            "pte_updates", "hint_faults", "pte_updates_per_page", "max_stall_ms"]
    print_table(heads, keys, sparse)
    print()
    print("Sparse, medians of the runs (the verdicts below use these):")
    print_table(heads[:4] + heads[5:9], keys[:4] + keys[5:9],
                [sparse_median[km] for km in sparse_median])

print()
for k in sorted({r["kernel"] for r in rows}):
    by = {r["mode"]: r for r in rows if r["kernel"] == k}
    ml = by.get("mainline")
    for mode in ("knuma-sync", "knuma-async"):
        kn = by.get(mode)
        if not kn or not ml:
            continue
        verdict = ["in-context scans %s (%s)" %
                   (kn["cpn_incontext"], "ok" if kn["cpn_incontext"] == "0" else "NOT 0")]
        verdict.append(time_verdict(kn, ml))
        if mode == "knuma-async" and float(ml["mig_ms"]) > 0:
            share = float(kn["mig_ms"]) / float(ml["mig_ms"]) * 100
            verdict.append("in-context migration %.2f%% of mainline's (%s)" %
                           (share, "ok, <= 1%" if share <= 1 else "OVER 1%"))
        if kn.get("pte_updates_per_page", "-") != "-":
            per = float(kn["pte_updates_per_page"])
            verdict.append("PTE updates per page migrated %.2f, mainline %s (%s)" %
                           (per, ml.get("pte_updates_per_page", "-"),
                            "ok, <= 1.5" if per <= 1.5 else "OVER 1.5"))
        print("%s %s: %s" % (k, mode, "; ".join(verdict)))
    for pre in ("sparse", "sparse-cold"):
        ml_runs = sparse_runs.get((k, pre + "-mainline"), [])
        kn_runs = sparse_runs.get((k, pre + "-knuma-async"), [])
        note = ""
        if len(kn_runs) > 1:
            note = " [median of %d runs; time ratio run by run: %s]" % (
                len(kn_runs), run_ratios(ml_runs, kn_runs))
        sparse_verdict(k, pre, sparse_median.get((k, pre + "-mainline")),
                       sparse_median.get((k, pre + "-knuma-async")), note)


try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    print("matplotlib missing: no plot")
    sys.exit(0)
kernels = sorted({s[0] for s in series})
fig, axes = plt.subplots(1, len(kernels), figsize=(6 * len(kernels), 4), squeeze=False)
for ax, k in zip(axes[0], kernels):
    for mode in ("none", "mainline", "knuma-sync", "knuma-async",
                 "sparse-mainline", "sparse-knuma-async",
                 "sparse-cold-mainline", "sparse-cold-knuma-async"):
        pts = [(int(s[2]) / 1000, float(s[3])) for s in series if s[0] == k and s[1] == mode]
        if pts:
            ax.plot([p[0] for p in pts], [p[1] for p in pts], label=mode)
    ax.set_title("Debian %s: 128 MiB follows its thread" % k)
    ax.set_xlabel("seconds after the thread moved")
    ax.set_ylabel("% of pages on the thread's node")
    ax.set_ylim(-2, 102)
    ax.axhline(90, color="grey", linestyle=":", linewidth=1)
    ax.legend()
fig.tight_layout()
fig.savefig(out / "local-fraction.png", dpi=100)
print("wrote %s, %s, %s" % (out / "bench.csv", out / "series.csv", out / "local-fraction.png"))
