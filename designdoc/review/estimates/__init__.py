"""Back-of-the-envelope estimates computed from a spec's quantities."""
