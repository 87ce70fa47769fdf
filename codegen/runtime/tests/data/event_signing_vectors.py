#!/usr/bin/env python3
"""Derives the event-stream signing vectors of `tests/event_signing.rs` from the SigV4
event-stream rules, independently of the runtime: Python's hashlib, hmac and zlib, and an
event-stream frame encoder written here from the format's description (prelude of total and
headers length, prelude CRC32, headers, payload, message CRC32).

Run `python3 codegen/runtime/tests/data/event_signing_vectors.py` and compare its output with
the constants of the test.
"""
import hashlib
import hmac
import struct
import time
import zlib

ACCESS_KEY = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "us-west-2"
SERVICE = "transcribe"
SEED = "e1d8e8c8815e60969f2a34765c9a15945ffc0badbaa4b7e3b163ea19131e949b"
START_MS = 1577836800250  # 2020-01-01T00:00:00.250Z


def header(name, kind, value):
    out = bytes([len(name)]) + name.encode()
    if kind == "string":
        data = value.encode()
        return out + bytes([7]) + struct.pack(">H", len(data)) + data
    if kind == "bytes":
        return out + bytes([6]) + struct.pack(">H", len(value)) + value
    if kind == "timestamp":
        return out + bytes([8]) + struct.pack(">q", value)
    raise ValueError(kind)


def frame(headers, payload):
    block = b"".join(headers)
    total = 12 + len(block) + len(payload) + 4
    prelude = struct.pack(">II", total, len(block))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + block + payload
    return body + struct.pack(">I", zlib.crc32(body))


def sign(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def signing_key(date):
    k = sign(("AWS4" + SECRET).encode(), date)
    k = sign(k, REGION)
    k = sign(k, SERVICE)
    return sign(k, "aws4_request")


def main():
    inner = [
        frame(
            [
                header(":message-type", "string", "event"),
                header(":event-type", "string", "AudioEvent"),
                header(":content-type", "string", "application/octet-stream"),
            ],
            bytes(range(16)),
        ),
        frame(
            [
                header(":message-type", "string", "event"),
                header(":event-type", "string", "AudioEvent"),
                header(":content-type", "string", "application/octet-stream"),
            ],
            b"\xff" * 3,
        ),
        b"",  # the end of the stream
    ]
    prior = SEED
    for i, payload in enumerate(inner):
        millis = START_MS + 1000 * i
        amz_date = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(millis // 1000))
        scope = f"{amz_date[:8]}/{REGION}/{SERVICE}/aws4_request"
        date_header = header(":date", "timestamp", millis)
        string_to_sign = "\n".join(
            [
                "AWS4-HMAC-SHA256-PAYLOAD",
                amz_date,
                scope,
                prior,
                hashlib.sha256(date_header).hexdigest(),
                hashlib.sha256(payload).hexdigest(),
            ]
        )
        raw = sign(signing_key(amz_date[:8]), string_to_sign)
        outer = frame([date_header, header(":chunk-signature", "bytes", raw)], payload)
        print(f"message {i}: time {millis} ms")
        print(f"  inner  {payload.hex()}")
        print(f"  sts    {string_to_sign!r}")
        print(f"  sig    {raw.hex()}")
        print(f"  outer  {outer.hex()}")
        prior = raw.hex()


main()
