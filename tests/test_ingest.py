"""Batch ingest: bad inputs are recorded, good ones stored, nothing lost or doubled."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import EXAMPLES

from communique.pipeline import Pipeline, ingest
from communique.settings import Settings
from communique.store import open_store


def test_one_batch_of_bad_inputs(tmp_path: Path, pipeline: Pipeline) -> None:
    good = tmp_path / "good.txt"
    good.write_text((EXAMPLES / "scraped-2022-03-02-un-general-assembly-vote.txt").read_text())
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "empty.html").write_bytes(b"")
    big = tmp_path / "big.html"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    legacy = tmp_path / "legacy.html"
    legacy.write_bytes(
        "<html><body><h1>Pourparlers à Genève</h1><p>Les ministres français et allemand se sont "
        "rencontrés à Genève mardi, où ils ont évoqué la sécurité énergétique européenne, "
        "déclaré le ministère. « Nous avons fait des progrès réels », a déclaré le négociateur "
        "en chef après la réunion.</p></body></html>".encode("cp1252")
    )
    settings = Settings(max_bytes=5_000_000)
    store = open_store(tmp_path / "c.db")
    inputs = [str(p) for p in (good, tmp_path / "binary.html", tmp_path / "empty.html", big, legacy)]
    inputs.append(str(tmp_path / "missing.html"))
    summary = ingest(inputs, store=store, settings=settings, pipeline=pipeline)
    assert summary.stored == 2  # the good page, and the legacy-encoded page (stored, not coded: French)
    assert summary.rejected == 4
    reasons = {Path(r["source"]).name: r["reason"] for r in store.rejects()}
    assert "binary" in reasons["binary.html"]
    assert "empty" in reasons["empty.html"]
    assert "max_bytes" in reasons["big.html"]
    assert "no such file" in reasons["missing.html"]
    legacy_article = next(a for a in store.articles() if a["source"].endswith("legacy.html"))
    assert legacy_article["language"] == "fr"
    assert "Genève" in store.article(legacy_article["id"]).article.text
    assert summary.skipped == 1 and any("language" in k for k in summary.skip_reasons)


def test_killed_ingest_resumes_without_loss_or_doubles(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    base = (EXAMPLES / "scraped-2018-04-27-panmunjom-summit.txt").read_text()
    for i in range(80):
        (corpus / f"page{i:02d}.txt").write_text(base.replace("Friday", f"Friday, session {i},"))
    db = tmp_path / "c.db"
    cmd = [sys.executable, "-m", "communique.cli", "ingest", str(corpus), "--db", str(db), "--quiet"]
    env = {**os.environ, "COMMUNIQUE_BATCH_SIZE": "1"}
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, start_new_session=True
    )
    deadline = time.time() + 300  # a loaded CI machine takes long to load the model
    stored = 0
    while time.time() < deadline and stored < 5:
        time.sleep(0.1)
        if db.exists():
            try:
                with open_store(db) as s:
                    stored = s.counts()["articles"]
            except Exception:
                stored = 0
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its helper process, as a crash would
    proc.wait()
    assert 5 <= stored < 80, f"could not interrupt mid-way (stored {stored})"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with open_store(db) as s:
        counts = s.counts()
        assert counts["articles"] == 80
        ids = [r[0] for r in s.conn.execute("SELECT article_id || id FROM events")]
        assert len(ids) == len(set(ids))
        per_article = s.conn.execute("SELECT count(DISTINCT article_id) FROM actors").fetchone()[0]
        assert per_article == 80


def test_batches_go_on_when_the_extraction_worker_cannot_start() -> None:
    """A script piped into Python (``python - < job.py``) cannot start spawn workers: its
    ``__main__`` is ``<stdin>``. Every batch must still be extracted and coded, in-process."""
    script = """
from communique.models import CodedArticle, Document
from communique.pipeline import Pipeline
from communique.settings import Settings

texts = [f"Officials of Chad and Niger met on day {n} of the talks on the border." for n in range(7)]
pipeline = Pipeline(Settings(batch_size=2, extract_processes=1))
results = list(pipeline.code_many([Document.from_text(t) for t in texts]))
print(len(results), sum(isinstance(r, CodedArticle) for r in results))
"""
    done = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["7", "7"]


def test_helper_process_codes_exactly_as_in_process(seed_path: Path) -> None:
    """Stages run in the helper on Docs rebuilt from arrays: the same results, in the same order."""
    from communique.models import CodedArticle
    from communique.sources import iter_documents

    inputs = [str(EXAMPLES), str(seed_path), "no/such/page.html"]
    documents = list(iter_documents(inputs))
    assert len(documents) >= 6
    alone = list(Pipeline(Settings(batch_size=2, extract_processes=0)).code_many(documents))
    helped = list(Pipeline(Settings(batch_size=2, extract_processes=1)).code_many(documents))
    assert helped == alone
    assert sum(isinstance(r, CodedArticle) and bool(r.events) for r in helped) >= 4


def test_text_past_max_chars_parsed_is_kept_not_coded() -> None:
    from communique.models import Document

    paragraph = "China criticized Japan on Monday over its whaling in the Antarctic. " * 3
    text = "\n\n".join([paragraph] * 6) + "\n\nJapan rejected the criticism on Tuesday, Sept. 3, 2019."
    document = Document.from_text(text, published_hint="2019-09-05")
    coded = Pipeline(Settings(max_chars_parsed=300)).code(document)
    assert coded.article.text.endswith("Sept. 3, 2019.")  # kept whole
    assert coded.timexes and all(t.end <= 300 for t in coded.timexes)  # coded only where parsed
    assert all(e.evidence.end <= 300 for e in coded.events)


def test_a_script_without_main_guard_runs_its_job_once(tmp_path: Path) -> None:
    """Spawning the helper imports the script again; that import must not run the job a second time."""
    script = tmp_path / "unguarded.py"
    settings = f"Settings(db={str(tmp_path / 'x.db')!r}, batch_size=1)"
    script.write_text(
        "from communique.api import ingest\n"
        "from communique.settings import Settings\n"
        "print('job started', flush=True)\n"
        f"print(ingest([{str(EXAMPLES)!r}], settings={settings}))\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "stored=4," in done.stdout and "duplicates=0," in done.stdout
    assert done.stdout.count("IngestSummary") == 1  # the helper's import of the script stored nothing
    assert "if __name__ ==" in done.stderr  # and said what to do
