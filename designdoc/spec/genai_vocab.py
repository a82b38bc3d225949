"""Closed vocabularies of generative AI designs: approach, tuning, alignment, precision, decoding.

Each accepts any case with dashes or spaces for underscores, like the other vocabularies, and
`other` where a legitimate design may not fit.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import WithJsonSchema

from designdoc.spec.vocab import _coerce, enum_json_schema


class Approach(StrEnum):
    prompting = "prompting"
    rag = "rag"
    fine_tuning = "fine_tuning"
    agent = "agent"
    pretraining = "pretraining"
    other = "other"


class Tuning(StrEnum):
    none = "none"
    full = "full"
    lora = "lora"
    qlora = "qlora"
    prefix = "prefix"
    other = "other"


class Alignment(StrEnum):
    none = "none"
    sft = "sft"
    rlhf = "rlhf"
    dpo = "dpo"
    rlaif = "rlaif"
    other = "other"


class Precision(StrEnum):
    fp32 = "fp32"
    bf16 = "bf16"
    fp16 = "fp16"
    fp8 = "fp8"
    int8 = "int8"
    int4 = "int4"

    @property
    def bytes(self) -> float:
        """Bytes per parameter (or per cached key/value element)."""
        return BYTES_PER_VALUE[self]


BYTES_PER_VALUE: dict[Precision, float] = {
    Precision.fp32: 4.0,
    Precision.bf16: 2.0,
    Precision.fp16: 2.0,
    Precision.fp8: 1.0,
    Precision.int8: 1.0,
    Precision.int4: 0.5,
}


class Decoding(StrEnum):
    greedy = "greedy"
    beam = "beam"
    top_k = "top_k"
    top_p = "top_p"
    sampling = "sampling"
    other = "other"


class CacheKind(StrEnum):
    prompt = "prompt"  # a shared prefix's KV-cache reused across requests
    semantic = "semantic"  # a similar earlier question's answer served again
    exact = "exact"  # the same request's answer served again
    embedding = "embedding"
    other = "other"

    @property
    def skips_generation(self) -> bool:
        """Whether a hit answers without running the generator at all."""
        return self in (CacheKind.semantic, CacheKind.exact)


class AccessControl(StrEnum):
    before_retrieval = "before_retrieval"  # the index only returns what the user may read
    after_retrieval = "after_retrieval"  # results are filtered once fetched
    none = "none"  # every user may read every document


class Modality(StrEnum):
    text = "text"
    code = "code"
    image = "image"
    video = "video"
    audio = "audio"
    other = "other"


def _schema(enum: type[StrEnum]) -> WithJsonSchema:
    return WithJsonSchema(enum_json_schema(enum))


ApproachField = Annotated[Approach, _coerce(Approach), _schema(Approach)]
TuningField = Annotated[Tuning, _coerce(Tuning), _schema(Tuning)]
AlignmentField = Annotated[Alignment, _coerce(Alignment), _schema(Alignment)]
PrecisionField = Annotated[Precision, _coerce(Precision), _schema(Precision)]
DecodingField = Annotated[Decoding, _coerce(Decoding), _schema(Decoding)]
CacheKindField = Annotated[CacheKind, _coerce(CacheKind), _schema(CacheKind)]
AccessControlField = Annotated[AccessControl, _coerce(AccessControl), _schema(AccessControl)]
ModalityField = Annotated[Modality, _coerce(Modality), _schema(Modality)]
