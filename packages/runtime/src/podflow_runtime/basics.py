"""Exit codes, limits and the errors every part raises."""

import os


MAX_JSON_INT = 2 ** 53  # beyond this JavaScript numbers cannot hold an int exactly
MAX_ERROR_CHARS = 2000  # for one-line failure reasons (_failure also caps their bytes)

EXIT_OK = 0
EXIT_TASK_ERROR = 1
EXIT_BAD_CODE_DIR = 2

_THIS_FILE = os.path.realpath(__file__)


# ------------------------------------------------------------------------------------------------
# Errors


class CodeDirError(Exception):
    """The code directory is broken (missing task.py/task.json, no such function): exit 2."""


class TaskError(Exception):
    """A problem found by the entrypoint itself (bad inputs, bad outputs): exit 1, no traceback."""


class PromiseError(TypeError):
    """A dynamic task tried to look at a value that only exists once the sub-DAG has run."""


class _UserCodeFailed(Exception):
    """User code raised; its traceback is already on stderr and `reason` is the one-line form."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason
