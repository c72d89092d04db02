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


classed = [r for r in rows if "class" in r]
rows = [r for r in rows if "class" not in r]
follow = [r for r in rows if not r["mode"].startswith("sparse-")]
sparse = [r for r in rows if r["mode"].startswith("sparse-")]
sparse_runs = {}
for r in sparse:
    sparse_runs.setdefault((r["kernel"], r["mode"]), []).append(r)
sparse_median = {km: median_row(rs) for km, rs in sparse_runs.items()}
if follow:
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


# The classes of issue 15 ("@@BR class=... mode=... rep=N" lines): medians per
# mode of each column, and knuma-async against mainline.
CLASS_COLS = {
    "shared": [("maccs_s", "M acc/s"), ("over1ms", ">1ms"), ("over10ms", ">10ms"),
               ("p99_us", "p99 us"), ("p999_us", "p99.9 us"), ("node0_pct", "node0 %"),
               ("mig_2nd", "migrated 2nd half"), ("over1ms_2nd", ">1ms 2nd half")],
    "slices": [("run_ms", "run ms"), ("reached_ms", "90% ms"), ("majority_pct", "majority %"),
               ("min_pct", "min slice %")],
    "procs": [("gbs", "GB/s"), ("converge_ms", "90% ms"), ("min_pct", "min proc %")],
    "converge": [("gbs", "GB/s"), ("converge_ms", "90% local ms"), ("min_pct", "min proc %"),
                 ("min_local_pct", "min local %"), ("split", "split looks")],
}
COMMON_COLS = [("pages_migrated", "migrated"), ("pte_updates", "PTE upd"),
               ("hint_faults", "hint faults"), ("tlb_shootdowns", "TLB shootdowns"),
               ("knuma_cpu_ms", "knuma cpu ms"), ("knuma_runs", "knuma runs"),
               ("tnw_ms", "in-ctx tnw ms"), ("mig_ms", "in-ctx mig ms")]
MODES = ("none", "mainline", "knuma-sync", "knuma-async", "knuma-async1")
# Times where -1 means "never": the median sorts them last.
NEVER = {"reached_ms", "converge_ms"}


def median(rs, key):
    vals = []
    for r in rs:
        if key not in r or r[key] in ("", "-"):
            continue
        v = float(r[key])
        vals.append(float("inf") if key in NEVER and v < 0 else v)
    if not vals:
        return None
    vals.sort()
    n = len(vals)
    m = vals[n // 2] if n % 2 else (vals[n // 2 - 1] + vals[n // 2]) / 2
    return -1 if m == float("inf") else m


def fmt(v):
    if v is None:
        return "-"
    return "%d" % v if abs(v) >= 100 or v == int(v) else "%.2f" % v


def class_verdicts(k, c, med):
    """knuma-async against mainline, on medians; one line per target."""
    kn, ml = med.get("knuma-async"), med.get("mainline")
    if not kn or not ml:
        return
    out = []

    def ratio(key, target, better, label, unit=""):
        a, b = kn.get(key), ml.get(key)
        if a is None or b is None:
            return
        if key in NEVER and (a < 0 or b <= 0):
            out.append("%s: knuma %s, mainline %s (%s)" % (
                label, fmt(a), fmt(b), "never reached" if a < 0 else "-"))
            return
        if b == 0:
            ok = a <= 0 if better == "le" else True
            out.append("%s: knuma %s, mainline 0 (%s)" % (label, fmt(a), "ok" if ok else "OVER"))
            return
        r = a / b
        ok = r <= target if better == "le" else r >= target
        out.append("%s %.2fx mainline (%s %s, %s)" % (
            label, r, "<=" if better == "le" else ">=", target, "ok" if ok else "MISSED"))

    if c == "shared":
        ratio("maccs_s", 1, "ge", "throughput")
        ratio("pages_migrated", 0.5, "le", "pages migrated")
        ratio("over1ms", 1, "le", "accesses > 1 ms")
        # The same per million accesses (no target: see the outliers table).
        if kn.get("over1ms") is not None and ml.get("over1ms") is not None and \
                kn.get("maccs_s") and ml.get("maccs_s"):
            out.append("> 1 ms per M accesses %.2fx mainline's" % (
                (kn["over1ms"] / kn["maccs_s"]) / (ml["over1ms"] / ml["maccs_s"])
                if ml["over1ms"] else 0))
        # No target: what balancing still costs after its first look.
        a, b = kn.get("mig_2nd"), ml.get("mig_2nd")
        if a is not None and b is not None:
            out.append("2nd half: migrated %s vs mainline %s, > 1 ms %s vs %s" % (
                fmt(a), fmt(b), fmt(kn.get("over1ms_2nd")), fmt(ml.get("over1ms_2nd"))))
    elif c == "slices":
        ratio("run_ms", 1, "le", "run time")
        ratio("pages_migrated", 1, "le", "pages migrated")
        ratio("reached_ms", 1.5, "le", "time to 90 %")
        maj = kn.get("majority_pct")
        if maj is not None:
            out.append("majority-node share %.1f%% (%s)" % (maj, "ok, <= 65%" if maj <= 65
                                                            else "OVER 65%"))
    else:
        ratio("gbs", 1, "ge", "bandwidth")
        ratio("pages_migrated", 1, "le", "pages migrated")
        ratio("converge_ms", 1.5, "le", "time to converge")
    print("%s %s knuma-async: %s" % (k, c, "; ".join(out)))


if classed:
    runs = {}
    for r in classed:
        runs.setdefault((r["kernel"], r["class"], r["mode"]), []).append(r)
    with open(out / "classes.csv", "w", newline="") as fh:
        keys = sorted({k for r in classed for k in r})
        w = csv.DictWriter(fh, fieldnames=keys)
        w.writeheader()
        w.writerows(classed)
    for k in sorted({r["kernel"] for r in classed}):
        for c in CLASS_COLS:
            if not any(kk == k and cc == c for kk, cc, _ in runs):
                continue
            cols = CLASS_COLS[c] + COMMON_COLS
            med = {}
            table = []
            for m in MODES:
                rs = runs.get((k, c, m), [])
                if not rs:
                    continue
                med[m] = {key: median(rs, key) for key, _ in cols}
                bad = sum(r.get("data") != "ok" for r in rs)
                table.append(dict({"kernel": k, "mode": m, "runs": str(len(rs)),
                                   "data": "ok" if not bad else "%d BAD" % bad},
                                  **{key: fmt(v) for key, v in med[m].items()}))
            print()
            print("%s, class %s: medians per mode" % (k, c))
            print_table(["kernel", "mode", "runs"] + [h for _, h in cols] + ["data"],
                        ["kernel", "mode", "runs"] + [key for key, _ in cols] + ["data"], table)
            class_verdicts(k, c, med)
    # Outliers per mode, class shared, in the style of the 2020 async-scan
    # RFC: accesses (groups of 16) over 1 ms and 10 ms, per run and per hour.
    sh = [(k, m, rs) for (k, c, m), rs in sorted(runs.items()) if c == "shared"]
    if sh:
        print()
        print("Outliers per mode (class shared; medians of the runs; per hour: "
              "scaled from the run's seconds)")
        table = []
        for k, m, rs in sorted(sh, key=lambda x: (x[0], MODES.index(x[1])
                                                  if x[1] in MODES else 9)):
            secs = median(rs, "secs") or 0
            o1, o10 = median(rs, "over1ms"), median(rs, "over10ms")
            # Under TCG a vCPU the host does not run stalls whatever group
            # it is in, and more accesses meet more of them: per million
            # accesses compares modes of different throughput.
            per_m = [float(r["over1ms"]) / (float(r["maccs_s"]) * float(r["secs"]))
                     for r in rs if r.get("over1ms") not in (None, "", "-") and
                     r.get("maccs_s") not in (None, "", "-", "0") and
                     r.get("secs") not in (None, "", "-", "0")]
            per_m.sort()
            pm = per_m[len(per_m) // 2] if per_m else None
            table.append({"kernel": k, "mode": m, "o1": fmt(o1), "o10": fmt(o10),
                          "pm1": "%.2f" % pm if pm is not None else "-",
                          "h1": fmt(o1 * 3600 / secs) if secs else "-",
                          "h10": fmt(o10 * 3600 / secs) if secs else "-",
                          "p999": fmt(median(rs, "p999_us")), "max": fmt(median(rs, "max_us"))})
        print_table(["kernel", "mode", "> 1 ms", "> 10 ms", "> 1 ms / M accesses",
                     "> 1 ms / hour", "> 10 ms / hour", "p99.9 us", "max us"],
                    ["kernel", "mode", "o1", "o10", "pm1", "h1", "h10", "p999", "max"], table)

times = out / "times.txt"
if times.exists() and times.read_text().strip():
    print()
    print("Wall time per class (s):")
    for line in times.read_text().splitlines():
        k, c, cs = line.split()
        print("  %s %s %.0f" % (k, c, int(cs) / 100))
if not rows:
    sys.exit(0)

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
