#!/usr/bin/env python3
"""Independent implementation of docs/token-spec.md §2 (Python's hmac/hashlib, HKDF written out from RFC 5869).

Checks every row of the spec's test-vector table: `python3 tests/interop/token_vectors.py` prints the rows it
recomputed and exits 1 on a mismatch. Not Aquila's code: it reads only the spec's table.
"""
import hashlib
import hmac
import pathlib
import sys


def hkdf_sha256(ikm: bytes, info: bytes, length: int = 32) -> bytes:
    prk = hmac.new(b"\0" * 32, ikm, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def token(project_key: bytes, schema_hash: bytes, key_id: str, version: int, values: list[str]) -> str:
    subkey = hkdf_sha256(project_key, b"aquila token subkey v2" + schema_hash)
    message = b"AQTK" + bytes([len(key_id)]) + key_id.encode() + version.to_bytes(2, "big") + bytes([len(values)])
    for value in values:
        encoded = value.encode()
        message += len(encoded).to_bytes(2, "big") + encoded
    return hmac.new(subkey, message, hashlib.sha256).digest()[:16].hex()


def main() -> int:
    spec = pathlib.Path(__file__).resolve().parents[2] / "docs" / "token-spec.md"
    failures = 0
    for line in spec.read_text(encoding="utf-8").splitlines():
        if not (line.startswith("| v") and line[3].isdigit()):
            continue
        cells = [cell.strip().strip("`") for cell in line.split("|")]
        values = [v.strip().strip("`") for v in cells[6].split("‖")]
        computed = token(bytes.fromhex(cells[2]), bytes.fromhex(cells[3]), cells[4], int(cells[5]), values)
        status = "ok" if computed == cells[7] else "MISMATCH"
        failures += status != "ok"
        print(f"{cells[1]} {computed} {status}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
