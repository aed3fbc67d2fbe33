"""Build the static site, and serve it with the local Zoho sandbox: the command of the build
package sitebuild/ (`python build.py --help` says how).

Also the build's few names the tests, dev.py and the benchmarks use, as `import build`.
"""

import sys

from sitebuild.assemble import build
from sitebuild.cli import main
from sitebuild.config import SiteConfig, load_config
from sitebuild.dependencies import ensure_runtime
from sitebuild.errors import BuildError
from sitebuild.serving import SiteServer, start_sandbox_for

__all__ = ["BuildError", "SiteConfig", "SiteServer", "build", "ensure_runtime", "load_config", "main",
           "start_sandbox_for"]

if __name__ == "__main__":
    sys.exit(main())
