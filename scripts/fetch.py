"""Command line (`make fetch`): download every registry dataset that has a URL into the raw directory.

    python scripts/fetch.py --out data/raw [--dataset ID ...] [--dry-run] [--force]
                            [--attempts N] [--base-delay S] [--timeout S]

Standard library only for the network part (urllib). See scripts/pipeline/fetch.py.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline.fetch import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
