"""The review's rules as data, one module per group of steps, and what they read."""
