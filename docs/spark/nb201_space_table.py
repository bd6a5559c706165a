#!/usr/bin/env python3
"""Joins the output directory of a SparkRankingMain run over NAS-Bench-201 (candidates named by cell string) with
NAS-Bench-201's table of CIFAR-10 accuracies, writes nb201-cifar10-near.csv and prints the figures of docs/SPARK.md.

usage: nb201_space_table.py OUTPUT_DIR NB201_TABLE.csv OUT.csv
NB201_TABLE.csv: columns arch, cellstr, params_mb, cifar10_test_acc (NAS-Bench-201 v1.0's published values)."""
import csv, glob, os, sys
from scipy.stats import kendalltau, spearmanr

csv.field_size_limit(1 << 30)
out_dir, table, out_csv = sys.argv[1:4]
bench = {r["cellstr"]: r for r in csv.DictReader(open(table))}
rows = {}
for part in sorted(glob.glob(os.path.join(out_dir, "part-*.csv"))):   # oldest first: the newest row of a name wins
    for r in csv.DictReader(open(part)):
        rows[r["name"]] = r
ok = sorted((r for r in rows.values() if r["status"] == "ok"), key=lambda r: -float(r["near"]))
failed = [r for r in rows.values() if r["status"] != "ok"]
with open(out_csv, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["near_rank", "cellstr", "arch", "near", "cifar10_test_acc", "params_mb", "status", "error"])
    for i, r in enumerate(ok):
        b = bench[r["name"]]
        w.writerow([i + 1, r["name"], b["arch"], r["near"], b["cifar10_test_acc"], b["params_mb"], "ok", ""])
    for r in failed:
        b = bench[r["name"]]
        w.writerow(["", r["name"], b["arch"], "", b["cifar10_test_acc"], b["params_mb"], "failed", r["error"]])
near = [float(r["near"]) for r in ok]
acc = [float(bench[r["name"]]["cifar10_test_acc"]) for r in ok]
print(f"cells in the output: {len(rows)} of {len(bench)}; ranked {len(ok)}, failed {len(failed)}")
print(f"Spearman {spearmanr(near, acc)[0]:.4f}, Kendall tau-b {kendalltau(near, acc)[0]:.4f} over the {len(ok)} ranked")
print(f"best accuracy of the space: {max(float(b['cifar10_test_acc']) for b in bench.values()):.2f}")
for i, r in enumerate(ok[:10]):
    print(f"{i + 1:2d}  {r['name']}  NEAR {float(r['near']):.1f}  test acc {float(bench[r['name']]['cifar10_test_acc']):.2f}")
print(f"mean accuracy of NEAR's top 10: {sum(acc[:10]) / 10:.2f}; best of NEAR's top 10: {max(acc[:10]):.2f}")
rank_by_acc = sorted(acc, reverse=True)
print(f"NEAR's top-1 is the {rank_by_acc.index(acc[0]) + 1}th most accurate of the {len(acc)}")
print(f"mean scoring seconds per cell (per task, one core): {sum(float(r['seconds']) for r in ok) / len(ok):.3f}")
