"""The Dask backend: the same tables as one process, error rows, a worker killed mid-run, the CLI."""

from __future__ import annotations

import csv
import os
import signal
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")
pytest.importorskip("distributed")

from click.testing import CliRunner
from distributed import Client, LocalCluster
from support import shared_corpus

from edureport.cli import main
from edureport.corpus import DTYPES, TABLES, Corpus, Tables, empty_frame
from edureport.corpus import dask as scaleout
from edureport.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SHARED = shared_corpus()
SHARED_CSVS = sorted(SHARED.glob("*.csv")) if SHARED.is_dir() else []
FAST = {"segmenter": "char", "progress": False}
needs_shared = pytest.mark.skipif(not SHARED_CSVS, reason=f"the shared corpus {SHARED} is not here (set EDUREPORT_SHARED_DIR)")


@pytest.fixture(scope="module")
def client():
    """A real cluster: two worker processes of one thread each, as the issue asks."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster) as dask_client:
            yield dask_client


def files() -> list[Path]:
    return SEEDS + SHARED_CSVS


@pytest.fixture(scope="module")
def single() -> Tables:
    return Corpus.from_files(files()).parse(**FAST).tables


def assert_same(expected: Tables, got: Tables) -> None:
    for table in TABLES:
        pd.testing.assert_frame_equal(expected[table], got[table], check_exact=True)


def shared_texts() -> tuple[list[str], list[str]]:
    texts, ids = [], []
    for path in SHARED_CSVS:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row, record in enumerate(csv.DictReader(handle)):
                texts.append(record["full_text"])
                ids.append(f"{path.stem}#{row}")
    return texts, ids


# --------------------------------------------------------------------------- same tables


@needs_shared
def test_parse_on_dask_gives_the_single_process_tables(client: Client, single: Tables) -> None:
    corpus = Corpus.from_files(files())
    assert_same(single, corpus.parse(client=client, partition_chars=60_000, **FAST).tables)
    assert len(single.metrics) > 2000 and single.errors.empty


@needs_shared
def test_dask_frames_have_explicit_meta_and_compute_to_the_same_rows(client: Client, single: Tables) -> None:
    import dask

    frames = Corpus.from_files(files()).to_dask(segmenter="char", partition_chars=100_000, client=client)
    assert set(frames) == set(TABLES)
    for table, ddf in frames.items():
        pd.testing.assert_frame_equal(ddf._meta, empty_frame(table))
        assert {c: str(t) for c, t in ddf.dtypes.items()} == {c: str(pd.Series(dtype=t).dtype) for c, t in DTYPES[table].items()}
    assert frames["metrics"].npartitions > 2
    computed = dask.compute(*frames.values())
    assert_same(single, Tables(**{t: df.reset_index(drop=True) for t, df in zip(frames, computed)}))


@needs_shared
def test_a_large_csv_is_split_into_row_ranges(client: Client, tmp_path: Path) -> None:
    texts, _ = shared_texts()
    big = tmp_path / "big.csv"
    with big.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["n", "full_text"])
        writer.writerows([i, t] for i, t in enumerate(texts))
    corpus = Corpus.from_csv(big)
    parts = list(scaleout.partitions(corpus, partition_chars=50_000))
    assert len(parts) > 4 and all(s.kind == "csv" for p in parts for s in p.sources)
    assert parts[-1].sources[-1].stop is None  # the last range reads to the end of the file
    assert_same(Corpus.from_csv(big).parse(**FAST).tables,
                corpus.parse(client=client, partition_chars=50_000, **FAST).tables)


def test_partitions_keep_order_and_size() -> None:
    corpus = Corpus.from_texts(["一" * 30, "二" * 30, "三" * 100, "四" * 10], ids=list("abcd"))
    parts = list(scaleout.partitions(corpus, partition_chars=60))
    assert [[s.doc.report_id for s in p.sources] for p in parts] == [["a", "b"], ["c"], ["d"]]
    assert [p.index for p in parts] == [0, 1, 2] and [p.chars for p in parts] == [60, 100, 10]
    with pytest.raises(ConfigError):
        list(scaleout.partitions(corpus, partition_chars=0))


# --------------------------------------------------------------------------- errors


def test_documents_that_fail_become_error_rows(client: Client, tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(bytes(range(128, 256)) * 20)
    (tmp_path / "c_gbk.txt").write_bytes("一、工作回顾\n新建学校3所。".encode("gb18030"))
    got = Corpus.from_dir(tmp_path).parse(client=client, partition_chars=10, **FAST)
    assert_same(Corpus.from_dir(tmp_path).parse(**FAST).tables, got.tables)
    assert got.errors.report_id.tolist() == ["b_bad"] and got.errors.stage.tolist() == ["read"]

    texts = ["一、工作回顾\n新建学校3所。", None, "x" * 10]
    got = Corpus.from_texts(texts, ids=["ok", "none", "short"]).parse(client=client, **FAST)  # type: ignore[arg-type]
    assert got.reports.report_id.tolist() == ["ok", "short"]
    assert got.errors[["report_id", "stage", "error"]].values.tolist() == [["none", "parse", "InputError"]]


def test_bad_options_are_clear_errors(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = Corpus.from_texts(["一、工作回顾"])
    with pytest.raises(ConfigError, match="at least 1"):
        corpus.parse(workers=0, **FAST)
    with pytest.raises(ConfigError, match="not both"):
        corpus.parse(client=client, workers=2, **FAST)
    with pytest.raises(ConfigError, match="segmenter"):
        corpus.parse(client=client, segmenter="nonesuch", progress=False)
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install edureport\[dask\]"):
        corpus.parse(workers=1, **FAST)


# --------------------------------------------------------------------------- CLI


def test_cli_workers_and_scheduler_write_the_single_process_table(client: Client, tmp_path: Path) -> None:
    runner = CliRunner()
    base = ["corpus", str(ROOT / "seeds"), "--segmenter", "char", "--no-progress"]
    one = runner.invoke(main, [*base, "--out", str(tmp_path / "one.parquet")])
    assert one.exit_code == 0, one.output
    two = runner.invoke(main, [*base, "--out", str(tmp_path / "two.parquet"), "--workers", "2"])
    assert two.exit_code == 0, two.output
    assert (tmp_path / "two.parquet").is_dir()
    expected = pd.read_parquet(tmp_path / "one.parquet")
    pd.testing.assert_frame_equal(expected, pd.read_parquet(tmp_path / "two.parquet"))
    pd.testing.assert_frame_equal(expected, scaleout.read_dataset(tmp_path / "two.parquet", "metrics"))

    address = client.scheduler.address
    tables = runner.invoke(main, [*base, "--tables", str(tmp_path / "t"), "--scheduler", address,
                                  "--partition-chars", "5000"])
    assert tables.exit_code == 0, tables.output
    pd.testing.assert_frame_equal(expected, pd.read_parquet(tmp_path / "t" / "metrics.parquet"))
    reports = pd.read_parquet(tmp_path / "t" / "reports.parquet")
    assert reports.report_id.tolist() == [p.stem for p in SEEDS]

    bad = runner.invoke(main, [*base, "--out", str(tmp_path / "x.parquet"), "--workers", "0"])
    assert bad.exit_code == 2 and "at least 1" in bad.output
    both = runner.invoke(main, [*base, "--out", str(tmp_path / "x.parquet"), "--workers", "1", "--scheduler", address])
    assert both.exit_code == 2


# --------------------------------------------------------------------------- a worker dies


@needs_shared
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client: Client, tmp_path: Path) -> None:
    texts, ids = shared_texts()
    repeats = 5
    base = Corpus.from_texts(texts, ids=ids).parse(**FAST).tables
    all_texts = texts * repeats
    all_ids = [f"r{k}/{i}" for k in range(repeats) for i in ids]
    out = tmp_path / "out"
    outputs = {t: out / f"{t}.parquet" for t in TABLES}
    pids = client.run(os.getpid)
    victim = sorted(pids.values())[0]
    killed: dict[str, int] = {}

    def kill_when_under_way() -> None:
        folder = outputs["metrics"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done = len(list(folder.glob("part.*"))) if folder.is_dir() else 0
            if done >= 2:
                os.kill(victim, signal.SIGKILL)
                killed["after_parts"] = done
                return
            time.sleep(0.01)

    killer = threading.Thread(target=kill_when_under_way)
    killer.start()
    summary = Corpus.from_texts(all_texts, ids=all_ids).write(outputs, client=client, partition_chars=40_000, **FAST)
    killer.join()
    n_parts = len(list(outputs["metrics"].glob("part.*")))
    assert "after_parts" in killed and killed["after_parts"] < n_parts, (killed, n_parts)
    client.wait_for_workers(2, timeout=60)
    assert victim not in client.run(os.getpid).values()

    assert summary.documents == len(all_texts) and summary.errors.empty
    for table in ("reports", "metrics", "items", "sections"):
        expected = pd.concat(
            [base[table].assign(report_id=base[table].report_id.map(lambda i, k=k: f"r{k}/{i}")) for k in range(repeats)],
            ignore_index=True).astype(DTYPES[table])
        got = pd.read_parquet(outputs[table])
        pd.testing.assert_frame_equal(expected, got)
        assert summary.rows[table] == len(expected)
    reports = pd.read_parquet(outputs["reports"])
    assert reports.report_id.tolist() == all_ids  # every document once, in order


def test_a_scheduler_address_that_is_not_dask_is_refused_within_the_timeout(monkeypatch) -> None:
    """Issue 19: a live port that never answers, and one where nothing listens: a clear error, fast."""
    import socket

    monkeypatch.setattr(scaleout, "CONNECT_TIMEOUT", 1.0)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    held: list = []
    threading.Thread(target=lambda: held.append(silent.accept()), daemon=True).start()
    corpus = Corpus.from_texts(["一、工作回顾\n新增学位100个。"])
    started = time.monotonic()
    with pytest.raises(ConfigError, match="did not answer within 1 s"):
        corpus.parse(client=f"tcp://127.0.0.1:{silent.getsockname()[1]}", progress=False)
    assert time.monotonic() - started < 5
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()
    with pytest.raises(ConfigError, match="cannot reach"):
        corpus.parse(client=f"127.0.0.1:{port}", progress=False)
    silent.close()
