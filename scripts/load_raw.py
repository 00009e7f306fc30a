"""Command line: land every registry dataset found under the raw directory into schema ``raw``."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline.loader import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
