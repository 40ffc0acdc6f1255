"""Our detectors for the keys AI products leak: model providers and vector databases."""

from __future__ import annotations

from launchgate.checks.secrets.detectors.base import PatternDetector, token

OPENAI = PatternDetector(
    rule="openai-api-key",
    type="OpenAI API Key",
    anchors=("sk-",),
    pattern=token(
        r"sk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{40,}"
        r"|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})"
    ),
)

ANTHROPIC = PatternDetector(
    rule="anthropic-api-key",
    type="Anthropic API Key",
    anchors=("sk-ant-",),
    pattern=token(r"sk-ant-(?:api|admin|oat)\d\d-[A-Za-z0-9_-]{80,}"),
)

GOOGLE = PatternDetector(
    rule="google-api-key",
    type="Google AI / Firebase API Key",
    anchors=("aiza",),
    pattern=token(r"AIza[0-9A-Za-z_-]{35}"),
)

HUGGING_FACE = PatternDetector(
    rule="huggingface-token",
    type="Hugging Face Token",
    anchors=("hf_",),
    pattern=token(r"hf_[A-Za-z0-9]{34,40}"),
)

GROQ = PatternDetector(
    rule="groq-api-key",
    type="Groq API Key",
    anchors=("gsk_",),
    pattern=token(r"gsk_[A-Za-z0-9]{52}"),
)

REPLICATE = PatternDetector(
    rule="replicate-api-token",
    type="Replicate API Token",
    anchors=("r8_",),
    pattern=token(r"r8_[A-Za-z0-9]{37}"),
)

PINECONE = PatternDetector(
    rule="pinecone-api-key",
    type="Pinecone API Key",
    anchors=("pcsk_",),
    pattern=token(r"pcsk_[A-Za-z0-9]{4,10}_[A-Za-z0-9]{40,90}"),
)

DETECTORS = (OPENAI, ANTHROPIC, GOOGLE, HUGGING_FACE, GROQ, REPLICATE, PINECONE)
