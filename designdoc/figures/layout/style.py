"""The figures' look: one calm palette, one font, the same sizes everywhere."""

from __future__ import annotations

FONT = "Inter"

INK = "#1F2933"
MUTED = "#52606D"
LINE = "#7B8794"
PAPER = "#FFFFFF"
ACCENT = "#2F5D8C"
WARN = "#B54708"
GOOD = "#2E7D5B"

TITLE_SIZE = 11.0
DETAIL_SIZE = 10.0
EDGE_SIZE = 10.0
CLUSTER_SIZE = 10.5
SMALL_SIZE = 10.0

# A cylinder's lid is drawn inside its box: this much room (inches across, down) keeps
# the lid clear of the first line of text at any number of lines.
LID_MARGIN = "0.12,0.13"

# Cluster fill and border per well-known group.
GROUP_COLOURS: dict[str, tuple[str, str]] = {
    "online": ("#EEF4FB", "#B3C8E0"),
    "offline": ("#F0F6EE", "#BCD3B0"),
    "batch": ("#F0F6EE", "#BCD3B0"),
    "data": ("#FCF6EA", "#E2CD9E"),
    "storage": ("#F4F1F9", "#C9BEDD"),
}
OTHER_GROUP_COLOURS: tuple[tuple[str, str], ...] = (
    ("#F3F5F7", "#C3CAD2"),
    ("#EEF7F7", "#A9CFCF"),
    ("#FAF0F0", "#DDB8B8"),
)
GROUP_TITLES = {
    "online": "Online serving",
    "offline": "Offline training",
    "batch": "Offline batch jobs",
    "data": "Data",
    "storage": "Storage",
}

# Feature computation modes: fill, border.
MODE_COLOURS: dict[str, tuple[str, str]] = {
    "batch": ("#E3ECF7", "#3E6FA8"),
    "streaming": ("#FBEBDD", "#C8691C"),
    "request_time": ("#E2F3EA", "#2E7D5B"),
    "unspecified": ("#F1F3F5", "#8A949E"),
}
MODE_TITLES = {
    "batch": "Batch",
    "streaming": "Streaming",
    "request_time": "Request time",
    "unspecified": "Not stated",
}


def graph_attrs(direction: str) -> dict[str, str]:
    """Graph attributes shared by every figure."""
    return {
        "rankdir": direction,
        "fontname": FONT,
        "fontsize": f"{CLUSTER_SIZE:g}",
        "fontcolor": INK,
        "bgcolor": "transparent",
        "pad": "0.08",
        "nodesep": "0.3",
        "ranksep": "0.4",
        "splines": "spline",
        "newrank": "true",
        "label": "",
    }


def node_attrs() -> dict[str, str]:
    return {
        "shape": "box",
        "style": "rounded,filled",
        "fillcolor": PAPER,
        "color": LINE,
        "penwidth": "1",
        "fontname": FONT,
        "fontsize": f"{TITLE_SIZE:g}",
        "fontcolor": INK,
        "margin": "0.12,0.06",
    }


def edge_attrs() -> dict[str, str]:
    return {
        "color": LINE,
        "penwidth": "1",
        "arrowsize": "0.7",
        "fontname": FONT,
        "fontsize": f"{EDGE_SIZE:g}",
        "fontcolor": MUTED,
    }


def cluster_attrs(group: str, index: int) -> dict[str, str]:
    """Attributes of a cluster: its colours by group, rounded, label at the top left."""
    fill, border = GROUP_COLOURS.get(group, OTHER_GROUP_COLOURS[index % len(OTHER_GROUP_COLOURS)])
    return {
        "style": "rounded,filled",
        "fillcolor": fill,
        "color": border,
        "penwidth": "1",
        "labeljust": "l",
        "labelloc": "t",
        "fontname": FONT,
        "fontsize": f"{CLUSTER_SIZE:g}",
        "fontcolor": INK,
        "margin": "12",
    }
