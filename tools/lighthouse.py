"""Lighthouse audits of every chapter page, as a nurse's phone would load it.

Serves the built site with gzip on 127.0.0.1 and runs Lighthouse (npm ``lighthouse``,
pinned in package.json; mobile profile, default simulated throttling) in Debian's Chromium
three times on each chapter page (every page with a quiz). Prints the median of each
page's four category scores, bytes transferred, LCP, TBT and time to interactive, and the
worst page for each; writes every JSON report under ``_build/bench/lighthouse/``.

Run by ``make bench``; ``make lighthouse`` (``python -m tools.lighthouse``) audits the current
``_build/html`` alone.
Exits 1 if a page misses a target: 100 in every category, at most 400 KiB, TTI at most 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from tools.book import ROOT
from tools.browser import CHROMIUM, lighthouse_flags
from tools.pages import call_pages, chapter_pages
from tools.site_server import SiteServer

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
BYTES_LIMIT = 400 * 1024
TTI_LIMIT_MS = 3000

# column: (heading, how to read it from a report, higher is better)
COLUMNS = {
    **{c: (c.replace("best-practices", "best pr."), lambda r, c=c: round(r["categories"][c]["score"] * 100), True)
       for c in CATEGORIES},
    "bytes": ("KiB", lambda r: r["audits"]["total-byte-weight"]["numericValue"] / 1024, False),
    "lcp": ("LCP s", lambda r: r["audits"]["largest-contentful-paint"]["numericValue"] / 1000, False),
    "tbt": ("TBT ms", lambda r: r["audits"]["total-blocking-time"]["numericValue"], False),
    "tti": ("TTI s", lambda r: r["audits"]["interactive"]["numericValue"] / 1000, False),
}


def audit(url: str, report: Path) -> dict:
    report.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={lighthouse_flags()}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
    )
    if result.returncode != 0:
        sys.exit(f"lighthouse: the audit of {url} failed:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text())
    if data.get("runtimeError"):
        sys.exit(f"lighthouse: the audit of {url} failed: {data['runtimeError'].get('message')}")
    return data


def median_row(reports: list[dict]) -> dict[str, float]:
    return {key: statistics.median(read(r) for r in reports) for key, (_, read, _) in COLUMNS.items()}


def format_row(name: str, row: dict[str, float], width: int) -> str:
    cells = [f"{row[c]:>4.0f}" for c in CATEGORIES]
    cells += [f"{row['bytes']:>6.0f}", f"{row['lcp']:>5.2f}", f"{row['tbt']:>6.0f}", f"{row['tti']:>5.2f}"]
    return f"{name:<{width}} " + " ".join(cells)


def misses(row: dict[str, float]) -> list[str]:
    found = [f"{c} {row[c]:.0f}" for c in CATEGORIES if row[c] < 100]
    if row["bytes"] * 1024 > BYTES_LIMIT:
        found.append(f"{row['bytes']:.0f} KiB transferred")
    if row["tti"] * 1000 > TTI_LIMIT_MS:
        found.append(f"time to interactive {row['tti']:.2f} s")
    return found


def run(html: Path, reports: Path, runs: int = RUNS) -> list[str]:
    """Audit every chapter page (those with a quiz, and those with telephone triage calls);
    print the table; return the targets missed."""
    if not LIGHTHOUSE.exists():
        sys.exit("lighthouse: not installed; `make bench` installs it with npm ci")
    shutil.rmtree(reports, ignore_errors=True)
    pages = sorted(set(chapter_pages(html)) | set(call_pages(html).values()))
    rows = {}
    with SiteServer(html, compress=True) as base:
        for page in pages:
            name = Path(page).stem
            rows[page] = median_row([audit(base + page, reports / f"{name}-{n}.json") for n in range(1, runs + 1)])
            print(f"  audited {page}", flush=True)
    width = max(len(p) for p in pages)
    heading = ["perf", "a11y", "b.p.", " seo", "   KiB", "LCP s", "TBT ms", "TTI s"]
    print(f"\nLighthouse {runs}-run medians (mobile, simulated throttling), reports in {reports}:")
    print(f"{'page':<{width}} " + " ".join(heading))
    for page, row in rows.items():
        print(format_row(page, row, width))
    worst = {key: (max if not higher else min)(rows, key=lambda p: rows[p][key]) for key, (_, _, higher) in COLUMNS.items()}
    print("Worst page for each: " + "; ".join(
        f"{COLUMNS[k][0]} {rows[p][k]:.{2 if k in ('lcp', 'tti') else 0}f} ({Path(p).stem})" for k, p in worst.items()))
    return [f"{page}: {', '.join(m)}" for page, row in rows.items() if (m := misses(row))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args()
    if not (args.site / "index.html").exists():
        sys.exit(f"lighthouse: no built site at {args.site}; run `make book` first")
    missed = run(args.site, ROOT / "_build" / "bench" / "lighthouse", args.runs)
    print("\nAll Lighthouse targets met." if not missed else "\nLighthouse targets missed:\n  " + "\n  ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
