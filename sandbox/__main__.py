"""python -m sandbox: run the local Zoho sandbox (accounts and API on loopback origins)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from .settings import DEFAULT_CLIENT, RateLimit, SandboxClient, SandboxSettings, parse_record_count


def _record_count(text: str) -> tuple[str, int]:
    try:
        return parse_record_count(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    defaults = SandboxSettings()
    parser = argparse.ArgumentParser(
        prog="python -m sandbox",
        description="Local stand-in for Zoho Accounts (OAuth implicit flow) and the Zoho CRM API. "
        "Test control endpoints live under /_sandbox/ on both origins.",
    )
    parser.add_argument("--host", default=defaults.host, help="loopback address to listen on (default %(default)s)")
    parser.add_argument("--accounts-port", type=int, default=defaults.accounts_port,
                        help="port of the accounts origin (default %(default)s; 0 picks a free port)")
    parser.add_argument("--api-port", type=int, default=defaults.api_port,
                        help="port of the API origin (default %(default)s; 0 picks a free port)")
    parser.add_argument("--sandbox-api-port", type=int, metavar="PORT",
                        help="also serve a Zoho sandbox organisation (sandbox.zohoapis.<dc>) on this port")
    parser.add_argument("--developer-api-port", type=int, metavar="PORT",
                        help="also serve a developer organisation (developer.zohoapis.<dc>) on this port")
    parser.add_argument("--client-id", default=DEFAULT_CLIENT.client_id, help="registered client id (default %(default)s)")
    parser.add_argument("--client-name", default=DEFAULT_CLIENT.name, help="client name shown on the consent page")
    parser.add_argument("--redirect-uri", action="append", dest="redirect_uris", metavar="URI",
                        help=f"registered redirect URI, exact match; repeatable (default {DEFAULT_CLIENT.redirect_uris[0]})")
    parser.add_argument("--origin", action="append", dest="origins", metavar="ORIGIN",
                        help=f"registered JavaScript origin allowed by CORS; repeatable (default {DEFAULT_CLIENT.js_origins[0]})")
    parser.add_argument("--token-lifetime", type=int, default=defaults.token_lifetime, metavar="SECONDS",
                        help="access token lifetime in seconds (default %(default)s)")
    parser.add_argument("--location", default=defaults.location, help="data-centre code in the token answer (default %(default)s)")
    parser.add_argument("--rate-limit", type=RateLimit.parse, metavar="N/SECONDS",
                        help="at most N API calls per token per SECONDS, then 429 (default: no limit)")
    parser.add_argument("--db", type=Path, metavar="FILE", help="keep records in this SQLite file across restarts")
    parser.add_argument("--seed", type=int, default=defaults.seed, help="seed of the sample data (default %(default)s)")
    parser.add_argument("--records", type=_record_count, action="append", default=[], metavar="[MODULE=]N",
                        help="seed N records in MODULE (default Leads) instead of the sample size; repeatable")
    parser.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"],
                        help="uvicorn log level (default %(default)s)")
    return parser


def settings_from_args(args: argparse.Namespace) -> SandboxSettings:
    client = SandboxClient(
        client_id=args.client_id,
        name=args.client_name,
        redirect_uris=args.redirect_uris or DEFAULT_CLIENT.redirect_uris,
        js_origins=args.origins or DEFAULT_CLIENT.js_origins,
    )
    return SandboxSettings(
        host=args.host, accounts_port=args.accounts_port, api_port=args.api_port, clients=(client,),
        token_lifetime=args.token_lifetime, location=args.location, rate_limit=args.rate_limit,
        db_path=args.db, seed=args.seed, records=tuple(args.records),
        sandbox_api_port=args.sandbox_api_port, developer_api_port=args.developer_api_port,
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = settings_from_args(args)
    except ValueError as exc:
        parser.error(str(exc))
    from .server import serve  # imported late so that --help and argument errors stay instant

    asyncio.run(serve(settings, log_level=args.log_level))
    return 0


if __name__ == "__main__":
    sys.exit(main())
