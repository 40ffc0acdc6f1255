"""The fourteen scorecard rows, in scorecard order, with their titles."""

from __future__ import annotations

import enum


class Row(enum.StrEnum):
    """A scorecard row; the value is the id used in the JSON report."""

    AUTH_BOUNDARIES = "auth-boundaries"
    SECRET_HANDLING = "secret-handling"
    INPUT_VALIDATION = "input-validation"
    RATE_LIMITING = "rate-limiting"
    CORS_POLICY = "cors-policy"
    EMAIL_AUTHENTICATION = "email-authentication"
    SSL_AND_REDIRECTS = "ssl-and-redirects"
    SECURITY_HEADERS = "security-headers"
    MONITORING = "monitoring"
    LOGGING_HYGIENE = "logging-hygiene"
    DEPLOYMENT_CONFIG = "deployment-config"
    TOOL_CALL_SAFETY = "tool-call-safety"
    TENANT_KEY_ISOLATION = "tenant-key-isolation"
    PERFORMANCE = "performance"

    @property
    def label(self) -> str:
        return ROW_TITLES[self]


ROW_TITLES: dict[Row, str] = {
    Row.AUTH_BOUNDARIES: "Auth boundaries",
    Row.SECRET_HANDLING: "Secret handling",
    Row.INPUT_VALIDATION: "Input validation",
    Row.RATE_LIMITING: "Rate limiting",
    Row.CORS_POLICY: "CORS policy",
    Row.EMAIL_AUTHENTICATION: "Email authentication",
    Row.SSL_AND_REDIRECTS: "SSL and redirects",
    Row.SECURITY_HEADERS: "Security headers",
    Row.MONITORING: "Monitoring",
    Row.LOGGING_HYGIENE: "Logging hygiene",
    Row.DEPLOYMENT_CONFIG: "Deployment config",
    Row.TOOL_CALL_SAFETY: "Tool-call safety",
    Row.TENANT_KEY_ISOLATION: "Tenant isolation of keys",
    Row.PERFORMANCE: "Performance",
}
