"""Scale-out on Dask: 1 against N local worker processes, in one run.

Builds a folder of text files from ``seeds/*.txt`` and the shared corpus
(``full_text`` of every CSV row), repeated until it holds at least
``--mchars`` million characters (and, with ``--large``, a corpus 4 times that),
then for each segmenter and worker count:

* starts a ``LocalCluster`` (processes, one thread each) and loads the
  pipeline on every worker: the *warm-up*, timed and reported apart;
* runs ``Corpus.write(..., client=...)`` of all five tables as Parquet
  datasets (workers read the files and write the part files themselves) and
  times it by the wall clock: chars/s, speedup against 1 worker;
* reads each worker's peak RSS (``ru_maxrss``) after the warm-up and after
  the run: memory per worker must stay flat as the corpus grows.

Per-document overhead = (1-worker wall time − the same documents parsed by
``edureport.parse`` in this process) / documents: reading, rows, tables,
Parquet, scheduling. ``--sweep`` also times ``--partition-chars`` choices with
N workers and character segmentation.

    python benchmarks/scaling.py [--segmenters char pkuseg] [--workers 2] [--mchars 5] [--large char] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from _shared import read_texts

import edureport
from edureport.corpus import TABLES, Corpus


def build(folder: Path, texts: list[tuple[str, str]], min_chars: int) -> tuple[int, int]:
    """Text files repeating ``texts`` until ``min_chars``; returns (documents, characters)."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = chars = 0
    while chars < min_chars:
        for _, text in texts:
            (folder / f"{docs:06d}.txt").write_text(text, encoding="utf-8")
            docs += 1
            chars += len(text)
    return docs, chars


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / (1 << 20)


def serial_seconds(texts: list[tuple[str, str]], segmenter: str) -> float:
    """``edureport.parse`` over the base texts in this process, pipeline loaded first (best of 2)."""
    edureport.parse("", segmenter=segmenter)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        for _, text in texts:
            edureport.parse(text, segmenter=segmenter)
        best = min(best, time.perf_counter() - start)
    return best


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, out: Path, segmenter: str, workers: int, partition_chars: int) -> dict:
    from distributed import Client, LocalCluster

    from edureport.corpus import dask as scaleout

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        start = time.perf_counter()
        scaleout.warm(client, segmenter)  # returns once every worker has built the pipeline
        warm = time.perf_counter() - start
        rss_warm = client.run(_rss_mb)
        cpu_workers = sum(client.run(_cpu_s).values())
        cpu_client = _cpu_s()
        corpus = Corpus.from_dir(folder)
        outputs = {t: out / f"{t}.parquet" for t in TABLES}
        start = time.perf_counter()
        summary = corpus.write(outputs, client=client, segmenter=segmenter, progress=False,
                               partition_chars=partition_chars)
        seconds = time.perf_counter() - start
        cpu_workers = sum(client.run(_cpu_s).values()) - cpu_workers
        cpu_client = _cpu_s() - cpu_client
        peaks = client.run(_peak_rss_mb)
        rss_end = client.run(_rss_mb)
    return {
        "segmenter": segmenter, "workers": workers, "partition_chars": partition_chars,
        "documents": summary.documents, "metrics": summary.rows["metrics"], "errors": len(summary.errors),
        "warmup_s": round(warm, 2), "seconds": round(seconds, 2),
        # CPU seconds of the worker processes and of this process (client and scheduler) during the run
        "cpu_workers_s": round(cpu_workers, 1), "cpu_client_s": round(cpu_client, 1),
        # share of the run each worker spent on a CPU: well under 1 means other processes took the cores
        "worker_cpu_share": round(cpu_workers / (workers * seconds), 2),
        "rss_after_warmup_mb": sorted(round(v) for v in rss_warm.values()),
        "rss_after_run_mb": sorted(round(v) for v in rss_end.values()),
        "peak_rss_mb": sorted(round(v) for v in peaks.values()),
        "client_peak_rss_mb": round(_peak_rss_mb()),
        "load_avg_1min_after": round(os.getloadavg()[0], 2),  # other work on the machine spoils the figures
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--segmenters", nargs="*", default=["char", "pkuseg"])
    parser.add_argument("--workers", type=int, default=2, help="the N compared with 1")
    parser.add_argument("--mchars", type=float, default=5.0, help="million characters of the base run")
    parser.add_argument("--large", nargs="*", default=["char"], help="segmenters also run on a 4x corpus")
    parser.add_argument("--partition-chars", type=int, default=None)
    parser.add_argument("--sweep", action="store_true", help="time partition sizes (char, N workers)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    from edureport.corpus import dask as scaleout

    partition_chars = args.partition_chars or scaleout.DEFAULT_PARTITION_CHARS
    texts = read_texts()
    results: list[dict] = []
    print(f"machine: {os.cpu_count()} cores; partition_chars={partition_chars:,}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        base_docs, base_chars = len(texts), sum(len(t) for _, t in texts)
        sizes = {"base": int(args.mchars * 1e6), "large": int(4 * args.mchars * 1e6)}
        folders = {}
        for name, min_chars in sizes.items():
            folders[name] = (Path(tmp) / name, *build(Path(tmp) / name, texts, min_chars))
            print(f"corpus {name}: {folders[name][1]:,} documents, {folders[name][2]:,} characters", flush=True)
        for segmenter in args.segmenters:
            serial = serial_seconds(texts, segmenter)
            print(f"\n{segmenter}: edureport.parse in one process: {base_chars / serial:,.0f} chars/s "
                  f"({base_docs} documents, {base_chars:,} chars, {serial:.2f} s)", flush=True)
            for name in ("base", "large"):
                if name == "large" and segmenter not in args.large:
                    continue
                folder, docs, chars = folders[name]
                one = None
                for workers in (1, args.workers):
                    r = run(folder, Path(tmp) / f"out-{segmenter}-{name}-{workers}", segmenter, workers, partition_chars)
                    r.update(corpus=name, chars=chars, chars_per_s=round(chars / r["seconds"]))
                    if workers == 1:
                        one = r
                        expected = serial * chars / base_chars
                        r["overhead_ms_per_doc"] = round(1000 * (r["seconds"] - expected) / docs, 2)
                    else:
                        r["speedup"] = round(one["seconds"] / r["seconds"], 2)
                    results.append(r)
                    print(f"  {name:5} {workers} worker(s): {r['seconds']:7.1f} s  {r['chars_per_s']:>10,} chars/s"
                          + (f"  speedup {r['speedup']:.2f}x" if "speedup" in r else
                             f"  overhead {r['overhead_ms_per_doc']} ms/doc")
                          + f"  warm-up {r['warmup_s']} s  RSS/worker after warm-up {r['rss_after_warmup_mb']} MB,"
                          f" peak {r['peak_rss_mb']} MB  CPU s workers {r['cpu_workers_s']} (share {r['worker_cpu_share']})"
                          f" client {r['cpu_client_s']}  load {r['load_avg_1min_after']}", flush=True)
        if args.sweep:
            folder, docs, chars = folders["base"]
            print(f"\npartition size, char, {args.workers} workers, {chars:,} chars:", flush=True)
            for size in (25_000, 50_000, 100_000, 200_000, 400_000, 800_000, 1_600_000):
                r = run(folder, Path(tmp) / f"sweep-{size}", "char", args.workers, size)
                r.update(corpus="base", chars=chars, chars_per_s=round(chars / r["seconds"]), sweep=True)
                results.append(r)
                print(f"  {size:>9,} chars/partition: {r['seconds']:6.1f} s  {r['chars_per_s']:>10,} chars/s"
                      f"  worker CPU share {r['worker_cpu_share']}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
