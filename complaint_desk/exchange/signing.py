"""Ed25519 keys as hex strings: make a pair, sign, verify, and a short fingerprint to read
aloud over the telephone when headquarters registers an office's key."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


def new_key_pair() -> tuple[str, str]:
    """(private, public), each 32 bytes in hex."""
    private = Ed25519PrivateKey.generate()
    return private.private_bytes_raw().hex(), _public_hex(private)


def public_of(private_hex: str) -> str:
    return _public_hex(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)))


def _public_hex(private: Ed25519PrivateKey) -> str:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def sign(private_hex: str, message: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_hex)).sign(message)


def verify(public_hex: str, message: bytes, signature: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def is_public_key(text: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(text))
    except ValueError:
        return False
    return True


def fingerprint(public_hex: str) -> str:
    """``AB12-CD34-EF56-7890``: the first 8 bytes of SHA-256 of the key, in groups of four."""
    digest = hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16].upper()
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))
