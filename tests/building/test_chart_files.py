"""The charts' library in the built site: vega, vega-lite and vega-embed from package-lock.json,
named by the page with their integrity, in the order they load, and not fetched ahead."""

import base64
import hashlib
import json
import re

from .helpers import ROOT, page_tags

PINNED = ("vega", "vega-lite", "vega-embed")


def test_the_charts_scripts_are_the_pinned_packages_named_with_their_integrity(sandbox_build):
    site = sandbox_build[1]
    metas = [attrs for tag, attrs in page_tags(site / "index.html")
             if tag == "meta" and attrs.get("name") == "chart-script"]
    assert [meta["content"].rsplit("/", 1)[1] for meta in metas] == [
        "vega.min.js", "vega-lite.min.js", "vega-embed.min.js"]  # vega-lite and vega-embed need vega first
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    dependencies = json.loads((ROOT / "package.json").read_text())["dependencies"]
    for name, meta in zip(PINNED, metas):
        assert re.fullmatch(r"\d+\.\d+\.\d+", dependencies[name]), name  # an exact version
        assert lock["node_modules/" + name]["version"] == dependencies[name]
        built = site / meta["content"]
        assert built.read_bytes() == (ROOT / "node_modules" / name / "build" / built.name).read_bytes()
        digest = base64.b64encode(hashlib.sha384(built.read_bytes()).digest()).decode()
        assert meta["data-integrity"] == "sha384-" + digest


def test_the_charts_scripts_are_served_checked_but_not_fetched_ahead(sandbox_build):
    site = sandbox_build[1]
    worker = (site / "sw.js").read_text()
    lists = {name: json.loads(re.search(rf"^const {name} = (.+);$", worker, re.MULTILINE).group(1))
             for name in ("BUILD_FILES", "PRECACHE")}
    charts = [path for path in lists["BUILD_FILES"] if "/vega/" in path]
    assert len(charts) == 3
    assert not [path for path in lists["PRECACHE"] if "/vega/" in path]
