"""One module per raw-data folder; each has ``write(universe, out_dir, rng)``."""
