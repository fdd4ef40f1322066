"""The executor-side settings of the Spark engine that need no Spark: garbage collection and imports.

PySpark's reused Python worker runs ``gc.collect()`` after every task and
``importlib.invalidate_caches()`` before every task; both were paid in full once per task
(about 0.3 s and 60 ms) before :func:`communique.spark_code._pipeline` settled them.
"""

from __future__ import annotations

import gc
import importlib
import sys
import zipfile
import zipimport
from collections.abc import Iterator
from pathlib import Path

import pytest

from communique import spark_code
from communique.settings import Settings


@pytest.fixture
def patched_zipimport(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The stat-checked ``invalidate_caches`` installed, undone afterwards; yields the archives re-read."""
    monkeypatch.setattr(zipimport.zipimporter, "invalidate_caches", zipimport.zipimporter.invalidate_caches)
    read: list[str] = []
    original = zipimport._read_directory  # type: ignore[attr-defined]

    def counting(archive: str) -> object:
        read.append(archive)
        return original(archive)

    monkeypatch.setattr(zipimport, "_read_directory", counting)
    spark_code._zip_reads_when_changed()
    spark_code._zip_reads_when_changed()  # a second install leaves the first in place
    yield read


def _write_zip(path: Path, modules: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        for name, source in modules.items():
            archive.writestr(f"{name}.py", source)


def test_unchanged_archive_is_not_reread_and_a_changed_one_is(
    patched_zipimport: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "shipped.zip"
    _write_zip(archive, {"cq_shipped_one": "VALUE = 1\n"})
    monkeypatch.syspath_prepend(str(archive))
    for name in ("cq_shipped_one", "cq_shipped_two"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    assert importlib.import_module("cq_shipped_one").VALUE == 1

    importlib.invalidate_caches()  # first call: reads once and keeps the archive's stamp
    patched_zipimport.clear()
    importlib.invalidate_caches()
    importlib.invalidate_caches()
    assert str(archive) not in patched_zipimport

    _write_zip(archive, {"cq_shipped_one": "VALUE = 1\n", "cq_shipped_two": "VALUE = 2\n"})
    importlib.invalidate_caches()
    assert str(archive) in patched_zipimport
    assert importlib.import_module("cq_shipped_two").VALUE == 2


def test_the_first_partition_settles_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.setattr(spark_code, "_SETTLED", [])
    gc.unfreeze()
    settings = Settings()
    page = Path(__file__).resolve().parents[1] / "examples"
    items = [("path", str(next(iter(sorted(page.glob("*.html"))))), None)]
    try:
        rows = list(spark_code.code_partition(settings, items))
        assert rows  # the page was coded
        assert gc.get_freeze_count() > 0  # what the process holds is out of the full passes
        assert spark_code._SETTLED == [True]
        frozen = gc.get_freeze_count()
        list(spark_code.code_partition(settings, items))
        assert gc.get_freeze_count() <= frozen  # settled once, not after every task
    finally:
        gc.unfreeze()
