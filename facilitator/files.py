"""Writing files that a person asked for, without ever leaving half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from facilitator.errors import FacilitatorError


def write_atomically(out: Path, data: bytes) -> None:
    """Write `data` to `out` owner-only, via a temporary file in the same folder and a rename, so
    a failure leaves any old file as it was. Raises FacilitatorError with one clear line."""
    out = Path(out)
    if out.is_dir():
        raise FacilitatorError(f"{out} is a folder; give a file name")
    if out.exists() and not os.access(out, os.W_OK):
        raise FacilitatorError(f"cannot write {out}: the file is read-only (it was left as it was)")
    folder = out.parent if str(out.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise FacilitatorError(f"cannot write {out}: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, out)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise FacilitatorError(f"cannot write {out}: {error.strerror or error}") from None
