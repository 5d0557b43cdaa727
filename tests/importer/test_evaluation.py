"""The measured quality of extraction on the labelled documents, as a floor that must hold."""

import json

import pytest

from newsroom.importer.evaluation import LABELS, evaluate

# Below the figures in the README, so that a change that makes extraction worse fails here.
FLOOR = 0.9


@pytest.fixture(scope="module")
def result(directory):
    return evaluate(directory=directory)


def test_the_labelled_set_has_the_two_documents_and_at_least_ten_more():
    paths = [label["path"] for label in json.loads(LABELS.read_text())["documents"]]
    assert len(paths) >= 12
    assert sum(path.startswith("fixtures/documents/") for path in paths) == 2
    assert sum(path.endswith(".html") for path in paths) >= 2


@pytest.mark.parametrize("measure", ["headline", "published_at", "lead_agency", "attendance"])
def test_accuracy(result, measure):
    assert getattr(result, measure).value >= FLOOR, result.differences


@pytest.mark.parametrize("measure", ["agencies", "people", "events"])
def test_precision_and_recall(result, measure):
    score = getattr(result, measure)
    assert min(score.precision, score.recall) >= FLOOR, result.differences
