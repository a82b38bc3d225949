"""Architecture numbers of well-known open models, as data: `genai.model.preset` names one.

The numbers are those each model's published configuration file (`config.json` on its
Hugging Face model card) gives: `num_hidden_layers`, `num_attention_heads`,
`num_key_value_heads`, `head_dim` (or hidden size / attention heads) and
`max_position_embeddings`. Parameter counts are the rounded totals the model names state.
A mixture of experts also has `active_parameters`, those one token passes through (the
shared layers and the experts its router picks), from the model's announcement, cited in
its `source`: the weights memory holds every expert, but decoding and prefill read and
compute only the active ones. A spec's own `genai.model` fields override any preset value.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCE = "each model's published config.json (Hugging Face model card)"


@dataclass(frozen=True)
class Preset:
    parameters: float
    layers: int
    attention_heads: int
    kv_heads: int
    head_dim: int
    context_window: int
    active_parameters: float | None = None  # a mixture of experts: parameters used per token
    source: str = SOURCE


PRESETS: dict[str, Preset] = {
    "llama-3.1-8b": Preset(8.0e9, 32, 32, 8, 128, 131_072),
    "llama-3.1-70b": Preset(70.6e9, 80, 64, 8, 128, 131_072),
    "llama-3.1-405b": Preset(405e9, 126, 128, 8, 128, 131_072),
    "llama-3.2-3b": Preset(3.2e9, 28, 24, 8, 128, 131_072),
    "mistral-7b": Preset(7.2e9, 32, 32, 8, 128, 32_768),
    # 8 experts, 2 routed per token.
    "mixtral-8x7b": Preset(
        46.7e9,
        32,
        32,
        8,
        128,
        32_768,
        active_parameters=12.9e9,
        source=SOURCE + "; active parameters from Mistral AI, 'Mixtral of experts' (Dec 2023)",
    ),
    "mixtral-8x22b": Preset(
        141e9,
        56,
        48,
        8,
        128,
        65_536,
        active_parameters=39e9,
        source=SOURCE + "; active parameters from Mistral AI, 'Cheaper, Better, Faster, "
        "Stronger' (Apr 2024)",
    ),
    "qwen2.5-7b": Preset(7.6e9, 28, 28, 4, 128, 32_768),
    "qwen2.5-72b": Preset(72.7e9, 80, 64, 8, 128, 32_768),
    "gemma-2-9b": Preset(9.2e9, 42, 16, 8, 256, 8_192),
    "gemma-2-27b": Preset(27.2e9, 46, 32, 16, 128, 8_192),
    "phi-3-mini": Preset(3.8e9, 32, 32, 32, 96, 4_096),
}


def preset_key(name: str) -> str:
    """A preset name in any case, with spaces or underscores for dashes."""
    return name.strip().lower().replace("_", "-").replace(" ", "-")


def find_preset(name: str) -> Preset | None:
    return PRESETS.get(preset_key(name))
