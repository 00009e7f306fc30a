"""YAML as the project reads it: PyYAML's safe loader, in its C build (libyaml) where PyYAML has one.

The registry (scripts/registry/*.yml, about 40 files) is read by every load; with the pure-Python
loader that took about 2.7 s of CPU per load, with libyaml about a tenth of it. Both
loaders build the same Python values (the same YAML 1.1 tags); a document that is not valid YAML
raises ``yaml.YAMLError`` from either.
"""

from __future__ import annotations

import yaml

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str):
    """The Python value of one YAML document (``yaml.safe_load``'s, faster)."""
    return yaml.load(text, Loader=SAFE_LOADER)
