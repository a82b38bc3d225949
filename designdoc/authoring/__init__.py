"""Starting a spec: the init skeleton, the questions of each step, the bundled examples."""
