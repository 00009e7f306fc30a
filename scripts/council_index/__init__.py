"""The council productivity index: loader, build, exports, report and engine comparison.

One package, installed in editable mode by ``make venv`` (``pip install -e .``), with console entry
points for each command (see ``[project.scripts]`` in ``pyproject.toml``):

- ``index-build``: land the raw files and ``dbt build`` into a new warehouse, published atomically;
- ``index-load``: land the raw files only (schema ``raw``);
- ``index-demo``: write the synthetic demo raw files (fictional councils);
- ``index-export``, ``index-report``, ``index-docs``: BI exports, the HTML report, the catalogue docs;
- ``index-fetch``, ``index-bench``, ``index-compare-engines``.

Library code raises exceptions (``council_index.errors``); only the entry points turn them into an
exit status and a one-line message.
"""

from pathlib import Path

#: The dbt project folder (``dbt_project.yml``, ``models/``, ``seeds/``): the package lives in its
#: ``scripts/`` folder and is installed in editable mode, so the project is two levels up.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
