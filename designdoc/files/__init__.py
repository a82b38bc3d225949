"""Files designdoc reads and writes: packaged resources, cache folders, atomic output."""
