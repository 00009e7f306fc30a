"""``python scripts/report ...``: see report/build.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report.build import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
