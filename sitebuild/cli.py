"""Build the static site, and serve it with the local Zoho sandbox.

    python build.py [--config FILE] [--out DIR]     build the site into DIR
    python build.py --production --config FILE      the same, for real Zoho: refuses any config
                                                     that is not Zoho over https with a real client id
    python build.py serve [--config FILE] [--port N] build, then serve it on loopback; a config
                                                     whose Zoho URLs are http://127.0.0.1 ports (the
                                                     default one) also starts the local Zoho sandbox

The site is plain files: the jinja2 templates of static/ rendered with the
config, the app's Python files, and the pinned runtime (PyScript, MicroPython,
Pyodide) copied from node_modules. Nothing is loaded from a CDN.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from sitebuild.assemble import build
from sitebuild.config import CLIENT_ID_ENV, SITE_URL_ENV, load_config
from sitebuild.errors import BuildError
from sitebuild.output import SITE_MARKER
from sitebuild.production import check_production, config_warnings, registration_lines
from sitebuild.project import DEFAULT_CONFIG, DEFAULT_OUT
from sitebuild.serving import serve


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Config keys (TOML). Table [zoho]: client_id (required; the environment variable "
               f"{CLIENT_ID_ENV} wins over it when set), accounts_url (default https://accounts.zoho.com), "
               "scopes (list, required), api_domains (default: Zoho's API domains of every data centre), "
               "environments (default [\"production\"]; also \"sandbox\", \"developer\": Zoho CRM's sandbox "
               "and developer organisations, chosen on the sign-in card; the first is the default), "
               "environment_api_domains (only for a server that is not Zoho's: each environment's API origin, "
               "such as { sandbox = \"http://127.0.0.1:8703\" }). "
               "Table [notebook], optional: wheels, extra pure-Python packages for the notebook as "
               "name==version (downloaded from PyPI at build time, pinned by sha256 in <config>.wheels.lock beside "
               "the config, which the build writes and checks). "
               "Table [site], optional: url, the site's public URL such as https://you.github.io/your-repo/ "
               f"(the environment variable {SITE_URL_ENV} wins over it when set); when known, the build "
               "prints the Authorized Redirect URI and JavaScript Domain to register with Zoho. "
               "Without --config the build uses config/sandbox.toml, which points at the local Zoho "
               "sandbox; config/production.toml is the configuration for GitHub Pages. "
               "A wrong config stops the build with every problem named at once, each with its key; without "
               "--production the build warns about a placeholder client id and servers that are not Zoho's "
               "(but not about loopback ones: the local sandbox). "
               f"The output folder is replaced whole, so it must be new, empty, or an earlier output of this "
               f"build in that folder whose every file is still what the build wrote (its {SITE_MARKER} file "
               "lists each with its SHA-256); a file added or changed since is refused and named, never "
               "deleted. Never the project, its own folders or a folder with files git tracks.",
    )
    parser.add_argument("command", nargs="?", choices=["build", "serve"], default="build",
                        help="build (default) or serve: build, then serve on loopback with the sandbox")
    parser.add_argument("--config", type=Path, default=DEFAULT_CONFIG, help="TOML config (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--force", action="store_true",
                        help="also replace an earlier output of this build that was moved or copied here (its "
                             f"{SITE_MARKER} names another folder), when every file in it is one the build wrote; "
                             "files added or changed since are refused all the same, never deleted")
    parser.add_argument("--port", type=int, default=8700, help="serve: the site's port (default: %(default)s)")
    parser.add_argument("--production", action="store_true",
                        help="refuse any config that is not a real Zoho set-up: Zoho's accounts server and "
                             "API domains (https), a client id that is no placeholder, an https site URL")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config, os.environ)
        if args.production:
            check_production(config)
        for warning in config_warnings(config):
            print(f"build: warning: {warning}", file=sys.stderr)
        if args.command == "serve":
            try:
                serve(config, build(config, args.out, args.force), args.port)
            except OSError as error:  # a port already taken, most often by another copy of serve
                raise BuildError(f"could not listen on loopback ({error.strerror}): another copy of "
                                 f"`serve` may be running; stop it or pass --port") from None
        else:
            out = build(config, args.out, args.force)
            print(f"build: site written to {out}")
            if args.production or config.site_url:
                print("\n".join(registration_lines(config)))
    except BuildError as error:
        print(f"build: error: {error}", file=sys.stderr)
        return 2
    return 0
