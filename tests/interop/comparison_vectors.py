#!/usr/bin/env python3
"""Independent implementation of docs/token-spec.md §7 (block tokens, salts and comparison vectors).

Python's hmac/hashlib, HKDF written out from RFC 5869, AES-128 from the `cryptography` package; not Aquila's code: it
reads only the spec's layouts of the built-in person and vehicle schemas (restated below) and its test-vector tables
(rows c1, c2, … under the person schema, vc1, vc2, … under the vehicle schema) and the dates a national id states
(rows nd1, nd2, …). `python3
tests/interop/comparison_vectors.py` prints every row it recomputed and exits 1 on a mismatch.
"""
import hashlib
import hmac
import pathlib
import re
import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

# The built-in schema's comparison fields in vector order (§7.2): (id, kind); given and family are the swap pair.
FIELDS = [("given", "string"), ("family", "string"), ("father", "string"), ("place", "string"), ("dob", "date"),
          ("sex", "exact"), ("national_id", "exact"), ("document", "exact"), ("street", "string"),
          ("locality", "string"), ("postcode", "exact")]
SWAP = {"given", "family"}
# Fields whose schema entry has "grams": ["bigram", "skipgram"] (§7): their fragments also take every pair of characters
# one apart, enciphered exactly as a bigram of those two characters.
SKIPGRAMS = {"given", "family", "father", "place"}
# The vehicle schema's comparison fields in vector order (§7, vehicles); no swap pair; the year of first registration
# is a date field with a year only.
VEHICLE_FIELDS = [("vin", "string"), ("plate", "string"), ("country", "exact"), ("make", "exact"), ("model", "string"),
                  ("colour", "exact"), ("year", "date")]
DATE_TAGS = 5


def hkdf_sha256(ikm: bytes, info: bytes, length: int = 32) -> bytes:
    prk = hmac.new(b"\0" * 32, ikm, hashlib.sha256).digest()
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def block_mac(project_key: bytes, schema_hash: bytes, label: bytes, block_id: str, value: str) -> bytes:
    subkey = hkdf_sha256(project_key, label + schema_hash)
    encoded = value.encode()
    message = b"AQTK" + bytes([len(block_id)]) + block_id.encode() + (0).to_bytes(2, "big") + bytes([1])
    message += len(encoded).to_bytes(2, "big") + encoded
    return hmac.new(subkey, message, hashlib.sha256).digest()[:16]


def aes(key: bytes, block: bytes) -> bytes:
    encryptor = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return encryptor.update(block) + encryptor.finalize()


def tag_input(field_number: int, sort: int, value: str) -> bytes:
    return bytes([2, field_number, sort]) + hashlib.sha256(value.encode()).digest()[:13]


def vector(salt: bytes, features: dict[str, str], fields: list[tuple[str, str]], swap: set[str], skip: set[str]) -> bytes:
    offsets, tag_base, offset, tags = [], [], 0, 0
    for _, kind in fields:
        offsets.append(offset)
        tag_base.append(tags)
        count = {"string": 0, "date": DATE_TAGS, "exact": 1}[kind]
        tags += count
        offset += 16 if kind == "string" else 4 * count
    out = bytearray(offset + (tags + 7) // 8)
    presence = offset

    def put_tag(field: int, index: int, sort: int, value: str) -> None:
        cipher = aes(salt, tag_input(field + 1, sort, value))
        at = offsets[field] + 4 * index
        out[at:at + 4] = cipher[:4]
        bit = tag_base[field] + index
        out[presence + bit // 8] |= 0x80 >> (bit % 8)

    for field, (name, kind) in enumerate(fields):
        value = features.get(name, "")
        if not value:
            continue
        if kind == "string":
            group = 0 if name in swap else field + 1
            padded = "_" + value.replace(" ", "_") + "_"
            pairs = list(zip(padded, padded[1:]))
            if name in skip:
                pairs += list(zip(padded, padded[2:]))
            for first, second in pairs:
                block = bytes([1, group]) + ord(first).to_bytes(2, "big") + ord(second).to_bytes(2, "big") + bytes(10)
                cipher = aes(salt, block)
                for k in range(2):
                    bit = cipher[k] & 127
                    out[offsets[field] + bit // 8] |= 1 << (bit % 8)
        elif kind == "date":
            year = int(value[:4])
            if len(value) == 8:
                month, day = int(value[4:6]), int(value[6:8])
                put_tag(field, 0, 0, value)
                if day <= 12 and month <= 12 and day != month:
                    put_tag(field, 1, 0, f"{year:04d}{day:02d}{month:02d}")
                put_tag(field, 4, 2, f"{month:02d}{day:02d}")
            put_tag(field, 2, 1, f"{year:04d}")
            put_tag(field, 3, 1, f"{year + 1:04d}")
        else:
            put_tag(field, 0, 3, value)
    return bytes(out)


JMBG_WEIGHTS = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]


def national_id_date(nid: str) -> str:
    """§7: the full date (YYYY-MM-DD) a cleaned national id states, or "none"."""
    import calendar
    year = month = day = None
    if len(nid) == 13 and nid.isdigit():
        m = 11 - sum(w * int(d) for w, d in zip(JMBG_WEIGHTS, nid)) % 11
        if (0 if m > 9 else m) == int(nid[12]):
            short = int(nid[4:7])
            day, month, year = int(nid[0:2]), int(nid[2:4]), (1000 if short >= 800 else 2000) + short
    elif (len(nid) == 10 and "A" <= nid[0] <= "Z" and "A" <= nid[9] <= "Z" and nid[1:9].isdigit()):
        year, month, day = 1900 + 10 * (ord(nid[0]) - ord("A")) + int(nid[1]), int(nid[2:4]), int(nid[4:6])
        month = month - 50 if month > 50 else month
    if year is None or not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1] or (day, month) == (1, 1):
        return "none"
    return f"{year:04d}-{month:02d}-{day:02d}"


def main() -> int:
    spec = pathlib.Path(__file__).resolve().parents[2] / "docs" / "token-spec.md"
    failures = 0
    for line in spec.read_text(encoding="utf-8").splitlines():
        if line.startswith("| nd") and line[4].isdigit():
            cells = [cell.strip().strip("`") for cell in line.split("|")]
            computed = national_id_date(cells[2])
            status = "ok" if computed == cells[3] else "MISMATCH"
            failures += status != "ok"
            print(f"{cells[1]} {cells[2]} {computed} {status}")
            continue
        vehicle = line.startswith("| vc") and line[4].isdigit()
        if not (vehicle or (line.startswith("| c") and line[3].isdigit())):
            continue
        # A block value's "|" is written "\\|" in the table.
        cells = [cell.strip().strip("`").replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)]
        key, schema, block_id, block_value = bytes.fromhex(cells[2]), bytes.fromhex(cells[3]), cells[4], cells[5]
        features = dict(item.strip().strip("`").split("=", 1) for item in cells[6].split(";") if item.strip())
        token = block_mac(key, schema, b"aquila block subkey v1", block_id, block_value).hex()
        salt = block_mac(key, schema, b"aquila stage2 salt subkey v1", block_id, block_value)
        computed = (vector(salt, features, VEHICLE_FIELDS, set(), set()) if vehicle
                    else vector(salt, features, FIELDS, SWAP, SKIPGRAMS)).hex()
        status = "ok" if (token, computed) == (cells[7], cells[8]) else "MISMATCH"
        failures += status != "ok"
        print(f"{cells[1]} {token} {computed} {status}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
