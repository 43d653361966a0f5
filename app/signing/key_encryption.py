"""The expert's private key at rest: PKCS#8, PBES2 with PBKDF2-HMAC-SHA256 at today's iteration count.

``BestAvailableEncryption`` writes PBKDF2 with only 2048 iterations (OpenSSL's default), which a
stolen laptop folder would let an attacker try passphrases against quickly. The cryptography
library cannot choose the count for PKCS#8, so the standard structure (RFC 8018) is written here;
``openssl pkcs8`` and ``load_pem_private_key`` read it, and keys written the old way still load.
"""

from __future__ import annotations

import base64
import os

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

ITERATIONS = 600_000
"""OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256"""

OID_PBES2 = "1.2.840.113549.1.5.13"
OID_PBKDF2 = "1.2.840.113549.1.5.12"
OID_HMAC_SHA256 = "1.2.840.113549.2.9"
OID_AES256_CBC = "2.16.840.1.101.3.4.1.42"


def _length(size: int) -> bytes:
    if size < 0x80:
        return bytes([size])
    body = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(body)]) + body


def _tlv(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + _length(len(body)) + body


def _sequence(*parts: bytes) -> bytes:
    return _tlv(0x30, b"".join(parts))


def _integer(value: int) -> bytes:
    return _tlv(0x02, value.to_bytes(value.bit_length() // 8 + 1, "big"))


def _octets(value: bytes) -> bytes:
    return _tlv(0x04, value)


def _oid(dotted: str) -> bytes:
    numbers = [int(n) for n in dotted.split(".")]
    body = bytes([40 * numbers[0] + numbers[1]])
    for number in numbers[2:]:
        chunk = [number & 0x7F]
        number >>= 7
        while number:
            chunk.append(0x80 | (number & 0x7F))
            number >>= 7
        body += bytes(reversed(chunk))
    return _tlv(0x06, body)


def encrypt_private_key(key: Ed25519PrivateKey, passphrase: bytes, iterations: int = ITERATIONS) -> bytes:
    """The key as an ``ENCRYPTED PRIVATE KEY`` PEM block."""
    plain = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    salt, iv = os.urandom(16), os.urandom(16)
    secret = PBKDF2HMAC(hashes.SHA256(), 32, salt, iterations).derive(passphrase)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(secret), modes.CBC(iv)).encryptor()
    sealed = encryptor.update(padded) + encryptor.finalize()
    kdf = _sequence(
        _oid(OID_PBKDF2),
        _sequence(_octets(salt), _integer(iterations), _sequence(_oid(OID_HMAC_SHA256), b"\x05\x00")),
    )
    scheme = _sequence(_oid(OID_AES256_CBC), _octets(iv))
    der = _sequence(_sequence(_oid(OID_PBES2), _sequence(kdf, scheme)), _octets(sealed))
    text = base64.encodebytes(der).decode("ascii").replace("\n", "")
    lines = [text[i : i + 64] for i in range(0, len(text), 64)]
    return (
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
        + "\n".join(lines)
        + "\n-----END ENCRYPTED PRIVATE KEY-----\n"
    ).encode("ascii")
