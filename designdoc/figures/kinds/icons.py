"""Component kinds and how they are drawn: a `diagrams` icon, a shape of our own, or a box."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from designdoc.figures.layout import style

# kind -> (module under `diagrams.`, class name). The icon file is found at run time
# from the class's own icon folder, inside the installed `diagrams` distribution.
ICON_CLASSES: dict[str, tuple[str, str]] = {
    "kafka": ("onprem.queue", "Kafka"),
    "rabbitmq": ("onprem.queue", "RabbitMQ"),
    "redis": ("onprem.inmemory", "Redis"),
    "memcached": ("onprem.inmemory", "Memcached"),
    "cassandra": ("onprem.database", "Cassandra"),
    "postgresql": ("onprem.database", "PostgreSQL"),
    "mysql": ("onprem.database", "MySQL"),
    "mongodb": ("onprem.database", "MongoDB"),
    "hbase": ("onprem.database", "HBase"),
    "s3": ("aws.storage", "S3"),
    "dynamodb": ("aws.database", "Dynamodb"),
    "bigquery": ("gcp.analytics", "BigQuery"),
    "spark": ("onprem.analytics", "Spark"),
    "flink": ("onprem.analytics", "Flink"),
    "beam": ("onprem.analytics", "Beam"),
    "hadoop": ("onprem.analytics", "Hadoop"),
    "hive": ("onprem.analytics", "Hive"),
    "airflow": ("onprem.workflow", "Airflow"),
    "kubernetes": ("k8s", "K8S"),
    "elasticsearch": ("elastic.elasticsearch", "Elasticsearch"),
    "mlflow": ("onprem.mlops", "Mlflow"),
}

ALIASES: dict[str, str] = {
    "postgres": "postgresql",
    "k8s": "kubernetes",
    "object_storage": "s3",
    "object_store": "s3",
    "blob_storage": "s3",
    "elastic": "elasticsearch",
    "opensearch": "elasticsearch",
    "kafka_stream": "kafka",
    "feature_server": "feature_store",
    "vector_index": "ann_index",
    "vector_db": "ann_index",
    "ann": "ann_index",
    "index": "ann_index",
    "registry": "model_registry",
    "serving": "model_server",
    "inference_server": "model_server",
    "app": "client",
    "user": "client",
    "gateway": "api_gateway",
    "warehouse": "data_warehouse",
}

TECH_NAMES: dict[str, str] = {
    "kafka": "Kafka",
    "rabbitmq": "RabbitMQ",
    "redis": "Redis",
    "memcached": "Memcached",
    "cassandra": "Cassandra",
    "postgresql": "PostgreSQL",
    "mysql": "MySQL",
    "mongodb": "MongoDB",
    "hbase": "HBase",
    "s3": "S3",
    "dynamodb": "DynamoDB",
    "bigquery": "BigQuery",
    "spark": "Spark",
    "flink": "Flink",
    "beam": "Beam",
    "hadoop": "Hadoop",
    "hive": "Hive",
    "airflow": "Airflow",
    "kubernetes": "Kubernetes",
    "elasticsearch": "Elasticsearch",
    "mlflow": "MLflow",
}


@dataclass(frozen=True)
class Shape:
    """One of our own generic shapes: Graphviz shape, fill, border and a caption.

    Only shapes whose label area is their whole inside are used (a cylinder given the
    room of its lid): Graphviz's `cds` is only as tall as its text and `box3d` centres the
    label on the face and the depth together, so both ran their borders through the text.
    """

    shape: str
    fill: str
    border: str
    caption: str
    peripheries: int = 1
    margin: str | None = None  # inches across, down; None for the figure's usual margin


SHAPES: dict[str, Shape] = {
    "model_server": Shape("box", "#E6EEF8", "#3E6FA8", "model server", peripheries=2),
    "feature_store": Shape(
        "cylinder", "#E4F2EA", "#2E7D5B", "feature store", margin=style.LID_MARGIN
    ),
    "ann_index": Shape("hexagon", "#F1EAF8", "#7151A6", "ANN index"),
    "model_registry": Shape("folder", "#FBF1DF", "#B07A1E", "model registry"),
    "client": Shape("box", "#FFFFFF", "#1F2933", "client"),
    "data_warehouse": Shape(
        "cylinder", "#ECEFF3", "#52606D", "data warehouse", margin=style.LID_MARGIN
    ),
    "cdn": Shape("component", "#EEF4FB", "#3E6FA8", "CDN"),
    "api_gateway": Shape("box", "#EEF4FB", "#2F5D8C", "API gateway", peripheries=2),
}

PLAIN = Shape("box", "#FFFFFF", "#8A949E", "")


@dataclass(frozen=True)
class Look:
    """How a component kind is drawn: with an icon file, or as a shape."""

    kind: str
    icon: Path | None
    shape: Shape
    caption: str


def normalise_kind(kind: str | None) -> str:
    """A kind in canonical form: lower case, underscores, known aliases resolved."""
    if not kind:
        return ""
    key = re.sub(r"[\s\-./]+", "_", kind.strip().lower())
    return ALIASES.get(key, key)


@cache
def icon_path(kind: str) -> Path | None:
    """The PNG icon of a known kind, from the installed `diagrams` package; None if unknown."""
    entry = ICON_CLASSES.get(kind)
    if entry is None:
        return None
    try:
        module = importlib.import_module(f"diagrams.{entry[0]}")
    except ImportError:
        return None
    node_class = getattr(module, entry[1], None)
    icon_dir, icon = getattr(node_class, "_icon_dir", None), getattr(node_class, "_icon", None)
    if not icon_dir or not icon:
        return None
    diagrams_package = importlib.import_module("diagrams")
    package_root = Path(diagrams_package.__file__ or "").resolve().parent.parent
    path = package_root / icon_dir / icon
    return path if path.is_file() else None


def look_of(kind: str | None) -> Look:
    """How to draw a component of this kind; an unknown kind is a plain labelled box."""
    key = normalise_kind(kind)
    path = icon_path(key)
    if path is not None:
        return Look(key, path, PLAIN, TECH_NAMES.get(key, key))
    shape = SHAPES.get(key)
    if shape is not None:
        return Look(key, None, shape, shape.caption)
    return Look(key, None, PLAIN, "")
