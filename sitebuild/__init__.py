"""The site's build, one module per concern; `build.py` at the top is its command.

    project       where the project's sources, runtime and caches are
    errors        BuildError and its subclasses, one per cause
    config        the TOML config: SiteConfig, load_config (every problem named at once)
    production    what a config means against the real Zoho: --production's refusals, the
                  warnings of a plain build, what to register in Zoho's API console
    dependencies  the pinned browser runtime (npm ci) and the notebook's wheels (pinned by hash)
    digests       the hashes the build names files by and pins them with
    packing       the runtime's files and the app's Python (as .mpy and .tar.gz) into the site
    rendering     the pages and the service worker from static/*.j2
    output        the output folder: what may be replaced, and the marker of what the build wrote
    assemble      build(): all of the above into a staging folder that replaces the output whole
    serving       the built site on loopback, with the local Zoho sandbox
    cli           `python build.py ...`

Not installed by the distribution (pyproject.toml installs only `zoho`): imported from the
project's folder, as `build` is.
"""
