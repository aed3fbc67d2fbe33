"""What stops the build: one base error, a subclass per cause."""


class BuildError(Exception):
    """The build cannot go on; the message says what is wrong and what to do."""


class ConfigError(BuildError):
    """The config is missing or wrong: one problem or several, each naming its key."""

    def __init__(self, *problems: str):
        self.problems = problems
        super().__init__(problems[0] if len(problems) == 1
                         else f"{len(problems)} problems in the config:\n  " + "\n  ".join(problems))


class OutputFolderError(BuildError):
    """The build will not replace the output folder: that could delete files it did not make."""


class ProjectFolderError(OutputFolderError):
    """The output folder is the project, a folder above it, or holds or is inside its sources."""


class ForeignFolderError(OutputFolderError):
    """The output folder is not empty and no earlier output of this build in this folder."""


class UnprovenFilesError(OutputFolderError):
    """The output folder is an earlier output of this build, but holds files the build did not
    write as they are now: added since, or changed since (their SHA-256 is not the one it wrote)."""
