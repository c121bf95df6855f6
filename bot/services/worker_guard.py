"""Parser worker processes that never outlive the process that started them.

A killed ingest (`kill -9`, or a plain `kill`, whose default handling runs no cleanup) left its
forkserver, resource tracker and workers running (~120 MB). Each worker now watches its owner:
when the owner is gone, the worker exits; with no worker and no owner left, the forkserver and
the resource tracker see their pipes close and exit too.
"""

from __future__ import annotations

import os
import select
import sys
import threading
import time


def exit_with(owner_pid: int) -> None:
    """Pool initializer: start a daemon thread that ends this process when `owner_pid` ends."""
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate it there; spawn pools die anyway
        return
    threading.Thread(target=_watch, args=(owner_pid,), name="owner-watch", daemon=True).start()


def _watch(owner_pid: int) -> None:
    try:
        fd = os.pidfd_open(owner_pid)  # Linux 5.3+: readable once the process has exited
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):
        fd = None
    if fd is not None:
        select.select([fd], [], [])
    else:
        while _alive(owner_pid):
            time.sleep(1.0)
    os._exit(1)  # no cleanup to do: the owner that would read the results is gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, and someone else's: cannot be ours reused this soon
        return True
    return True
