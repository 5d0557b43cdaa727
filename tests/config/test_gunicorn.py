"""The production server's configuration (config/gunicorn.py)."""

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def test_a_worker_leaves_what_it_loaded_out_of_the_garbage_collectors_passes():
    settings = runpy.run_path(str(CONFIG))
    assert gc.get_freeze_count() == 0
    try:
        settings["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > 10_000  # Django and the project, loaded by the tests
    finally:
        gc.unfreeze()
