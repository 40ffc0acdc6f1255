"""detect-secrets' own plugins behind our detector interface, with network verification off.

Only ``analyze_string`` is called, so no plugin ever verifies a value over the network. Plugins
left out, and why: the two high-entropy plugins (they flag every lockfile hash and git SHA),
``IPPublicDetector`` (an address is not a secret), and the plugins with no literal text to
prefilter on (Twilio, Discord, Telegram, Artifactory's ``AP…`` form), which would have to see
every line of the history.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from re import Pattern

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.azure_storage_key import AzureStorageKeyDetector
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.cloudant import CloudantDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.ibm_cloud_iam import IbmCloudIamDetector
from detect_secrets.plugins.ibm_cos_hmac import IbmCosHmacDetector
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.keyword import (
    QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP,
    REGEX_BY_FILETYPE,
    KeywordDetector,
)
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.npm import NpmDetector
from detect_secrets.plugins.openai import OpenAIDetector
from detect_secrets.plugins.private_key import PrivateKeyDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.softlayer import SoftlayerDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.util.filetype import determine_file_type

from launchgate.checks.secrets.detectors.base import Hit

KEYWORD_RULE = "secret-keyword"

# plugin class, our rule id, lowercase text every line the plugin flags contains
PLUGINS: tuple[tuple[type[BasePlugin], str, tuple[str, ...]], ...] = (
    (AWSKeyDetector, "aws-access-key", ("akia", "asia", "abia", "acca", "a3t", "aws")),
    (AzureStorageKeyDetector, "azure-storage-key", ("accountkey",)),
    (BasicAuthDetector, "basic-auth-credentials", ("://",)),
    (CloudantDetector, "cloudant-credentials", ("cloudant",)),
    (GitHubTokenDetector, "github-token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_")),
    (GitLabTokenDetector, "gitlab-token", ("glpat-", "gldt-", "glrt-", "glsoat-", "glffct-",
                                           "gr1348941", "glcbt-", "glimt-", "glptt-",
                                           "glagent-", "gloas-")),
    (IbmCloudIamDetector, "ibm-cloud-iam-key", ("ibm",)),
    (IbmCosHmacDetector, "ibm-cos-hmac-key", ("secret",)),
    (JwtTokenDetector, "jwt", ("eyj",)),
    (KeywordDetector, KEYWORD_RULE, ("key", "pass", "pwd", "secret", "contrase")),
    (MailchimpDetector, "mailchimp-key", ("-us",)),
    (NpmDetector, "npm-token", ("_authtoken",)),
    (OpenAIDetector, "openai-api-key", ("t3blbkfj",)),
    (PrivateKeyDetector, "private-key", ("private key", "openssh private", "putty-user-key",
                                         "ssh2 encrypted")),
    (PypiTokenDetector, "pypi-token", ("pypi-ag",)),
    (SendGridDetector, "sendgrid-key", ("sg.",)),
    (SlackDetector, "slack-token", ("xox", "hooks.slack.com")),
    (SoftlayerDetector, "softlayer-key", ("softlayer",)),
    (SquareOAuthDetector, "square-oauth-secret", ("sq0csp-",)),
    (StripeDetector, "stripe-live-key", ("sk_live_", "rk_live_")),
)


@lru_cache(maxsize=256)
def _keyword_patterns(extension: str) -> dict[Pattern[str], int]:
    patterns: dict[Pattern[str], int] = REGEX_BY_FILETYPE.get(
        determine_file_type("x" + extension), QUOTES_REQUIRED_DENYLIST_REGEX_TO_GROUP
    )
    return patterns


@dataclass(frozen=True)
class PluginDetector:
    """One detect-secrets plugin; the keyword plugin picks its patterns by file type."""

    rule: str
    type: str
    anchors: tuple[str, ...]
    plugin: BasePlugin

    def find(self, line: str, path: str) -> Iterator[Hit]:
        if isinstance(self.plugin, KeywordDetector):
            patterns = _keyword_patterns(os.path.splitext(path)[1].lower())
            values = self.plugin.analyze_string(line, denylist_regex_to_group=patterns)
        else:
            values = self.plugin.analyze_string(line)
        for value in values:
            if value:
                yield Hit(self.rule, self.type, value, max(0, line.find(value)), own=False)


def plugin_detectors() -> tuple[PluginDetector, ...]:
    """A fresh detector for each plugin we use."""
    return tuple(
        PluginDetector(rule, str(cls.secret_type), anchors, cls())
        for cls, rule, anchors in PLUGINS
    )
