"""Ed25519 keys and signatures of the custody chain (devices) and of receipts (the server).

Public keys and signatures travel as standard base64 of their raw bytes (32 and 64 bytes);
private keys are kept as PKCS#8 PEM.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# Each kind of signed statement has its own prefix, so a signature made for one can never
# be presented as the other (an entry's signature as a receipt's, or the reverse).
ENTRY_CONTEXT = b"fieldapp custody entry v1\x00"
RECEIPT_CONTEXT = b"fieldapp custody receipt v1\x00"


class KeyUnusable(ValueError):
    """A key or signature that cannot be read."""


class SigningKey:
    """A private key in memory, with the public key that goes with it."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        raw = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self.public_key = base64.b64encode(raw).decode("ascii")

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_pem(cls, pem: str) -> SigningKey:
        try:
            private = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
        except (ValueError, TypeError, UnicodeEncodeError) as error:
            raise KeyUnusable(f"the signing key cannot be read: {error}") from error
        if not isinstance(private, Ed25519PrivateKey):
            raise KeyUnusable("the signing key is not an Ed25519 key")
        return cls(private)

    def to_pem(self) -> str:
        return self._private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode("ascii")

    def sign(self, context: bytes, message: bytes) -> str:
        return base64.b64encode(self._private.sign(context + message)).decode("ascii")


def public_key_from_text(text: str) -> Ed25519PublicKey:
    raw = _b64(text, 32, "public key")
    return Ed25519PublicKey.from_public_bytes(raw)


def check_public_key(text: str) -> str:
    """``text`` if it is a base64 Ed25519 public key, else KeyUnusable."""
    public_key_from_text(text)
    return text


def verify(public_key: str, context: bytes, message: bytes, signature: str) -> bool:
    """Whether ``signature`` is ``public_key``'s over ``context + message``."""
    try:
        key = public_key_from_text(public_key)
        key.verify(_b64(signature, 64, "signature"), context + message)
    except (KeyUnusable, InvalidSignature, ValueError):
        return False
    return True


def fingerprint(public_key: str) -> str:
    """A short name of a public key for people: the first 16 hex digits of its sha256."""
    return hashlib.sha256(public_key.encode("ascii", "replace")).hexdigest()[:16]


def _b64(text: str, length: int, what: str) -> bytes:
    if not isinstance(text, str) or len(text) > 200:
        raise KeyUnusable(f"not a {what}")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError) as error:
        raise KeyUnusable(f"not a {what}: {error}") from error
    if len(raw) != length:
        raise KeyUnusable(f"not a {what}: {len(raw)} bytes")
    return raw
