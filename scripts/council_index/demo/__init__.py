"""The embedded demo dataset: synthetic raw files, in the published layouts, for fictional councils."""
