"""The figure kinds: architecture, serving funnel, ML lifecycle, data and features."""
