"""Hostile files built by the tests themselves, and the real readers run on them in a
child process under a memory limit (``resource.setrlimit(RLIMIT_AS)``) and a time limit,
so that a regression costs the test a refusal, not the machine its memory."""
from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(os.environ.get("HOSTILE_READER_ROOT") or Path(__file__).resolve().parents[2])

_CHILD = r"""
import json, resource, sys
sys.path.insert(0, sys.argv[1])
import core.reading.readers as readers
from core.reading.errors import DocumentError

def vm_bytes():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0

name, path, headroom = sys.argv[2], sys.argv[3], int(sys.argv[4])
data = open(path, "rb").read()
resource.setrlimit(resource.RLIMIT_AS, (vm_bytes() + headroom, resource.RLIM_INFINITY))
try:
    document = readers.read_document(name, data)
except DocumentError as exc:
    print(json.dumps({"error": str(exc)}))
except MemoryError:
    print(json.dumps({"crash": "MemoryError"}))
else:
    rows = sum(len(t.rows) for t in document.tables)
    print(json.dumps({"tables": len(document.tables), "rows": rows}))
"""


@dataclass
class Outcome:
    result: dict
    seconds: float


def read_limited(name: str, data: bytes, tmp_path: Path, *, headroom_mb: int = 256,
                 timeout: float = 60) -> Outcome:
    """``read_document(name, data)`` in a child process allowed ``headroom_mb`` more
    address space than it had after importing the readers."""
    path = tmp_path / "upload.bin"
    path.write_bytes(data)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), name, str(path), str(headroom_mb << 20)],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT,
    )
    seconds = time.monotonic() - started
    lines = done.stdout.strip().splitlines()
    if not lines:
        return Outcome({"crash": done.stderr[-2000:] or f"exit {done.returncode}"}, seconds)
    return Outcome(json.loads(lines[-1]), seconds)


def deflate_zeros(megabytes: int) -> bytes:
    """A raw deflate stream of ``megabytes`` MiB of zero bytes, built in well under a
    second: one fully flushed block of a mebibyte, repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b"\0" * (1 << 20)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * megabytes + compressor.flush()


def package_with_raw_member(package: bytes, name: str, raw: bytes, *, declared_size: int,
                            crc: int) -> bytes:
    """A copy of a zip package whose member ``name`` is replaced by a deflate stream
    ``raw`` that the directory says inflates to ``declared_size`` bytes with checksum
    ``crc`` (the lie is in both the local header and the central directory)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    central = []
    for info in source.infolist():
        encoded = info.filename.encode()
        if info.filename == name:
            body, method, size, checksum = raw, zipfile.ZIP_DEFLATED, declared_size, crc
        else:
            content = source.read(info)
            compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
            body = compressor.compress(content) + compressor.flush()
            method, size, checksum = zipfile.ZIP_DEFLATED, len(content), zlib.crc32(content)
        offset = out.tell()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21,
                              checksum, len(body), size, len(encoded), 0))
        out.write(encoded)
        out.write(body)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method,
                                   0, 0x21, checksum, len(body), size, len(encoded), 0, 0, 0,
                                   0, 0, offset) + encoded)
    start = out.tell()
    for entry in central:
        out.write(entry)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def replace_member(package: bytes, name: str, content: bytes) -> bytes:
    """A copy of a zip package with one member's content replaced (honest sizes)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == name else source.read(info))
    return out.getvalue()
