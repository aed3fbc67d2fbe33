"""A local stand-in for Zoho Accounts and the Zoho CRM API, for development and tests without Zoho."""

from .settings import DEFAULT_CLIENT, RateLimit, SandboxClient, SandboxSettings

__all__ = ["DEFAULT_CLIENT", "RateLimit", "SandboxClient", "SandboxSettings"]
