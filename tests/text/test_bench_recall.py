"""The document BM25 and the Task Statements reader of `benchmarks/bench_text_recall.py`."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import skillgraph as sg

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_text_recall

    return bench_text_recall


def test_bm25_ranks_the_document_holding_the_rarer_word_first() -> None:
    br = _bench()
    docs = br.Bm25(
        [
            "operate the till and handle cash",
            "clean rooms, handle linen",
            "cut and trim tripe and other meat",
            "handle cash",
        ]
    )
    # "tripe" is in one document only: it ranks first for "tripe finisher"
    assert docs.rank("tripe finisher", 2) == 1
    # "cash" is in two documents, the shorter one scores more (length normalisation)
    assert docs.rank("cash", 3) == 1
    assert docs.rank("cash", 0) == 2
    # a document holding none of the words is never ranked
    assert docs.rank("cash", 1) == br.FAR
    assert docs.rank("astronaut", 0) == br.FAR


def test_bm25_ties_go_to_the_lower_document() -> None:
    br = _bench()
    docs = br.Bm25(["welding pipes", "welding pipes", "welding pipes"])
    assert [docs.rank("welding", i) for i in range(3)] == [1, 2, 3]


def test_task_statements_read_by_role_and_missing_file(tmp_path: Path) -> None:
    br = _bench()
    assert br.task_statements(tmp_path) == {}
    (tmp_path / "Task Statements.txt").write_text(
        "O*NET-SOC Code\tTitle\tTask ID\tTask\tTask Type\n"
        "11-1011.00\tChief Executives\t1\tDirect budgets.\tCore\n"
        "11-1011.00\tChief Executives\t2\tConfer with board members.\tCore\n"
        "29-1141.00\tRegistered Nurses\t3\tMonitor patients.\tCore\n",
        encoding="utf-8",
    )
    tasks = br.task_statements(tmp_path)
    assert tasks == {
        "onet:11-1011.00": ["Direct budgets.", "Confer with board members."],
        "onet:29-1141.00": ["Monitor patients."],
    }


def test_documents_fall_back_on_the_description_without_tasks() -> None:
    br = _bench()
    g = sg.SkillGraph()
    g.add(sg.Role(id="r:a", label="baker", description="bakes bread and cakes"))
    g.add(sg.Role(id="r:b", label="cook", description="prepares meals"))
    docs = br.documents(g, ["r:a", "r:b"], {"r:b": ["grills fish"]})
    assert docs["tasks"].rank("bread", 0) == 1  # no tasks: its description stands in
    assert docs["tasks"].rank("meals", 1) == br.FAR  # tasks given: the description is not
    assert docs["description + tasks"].rank("meals", 1) == 1
    assert docs["description + tasks + titles"].rank("baker", 0) == 1
