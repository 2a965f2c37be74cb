"""Signed notes and checkpoints, byte for byte against Go's sumdb/note reference example."""

from __future__ import annotations

import pytest

from transparency.note import (
    Checkpoint,
    SigningKey,
    Verifier,
)
from transparency.refusals import MalformedCheckpoint, MalformedKey, NoteNotVerified
from transparency.tree import EMPTY_ROOT

# golang.org/x/mod/sumdb/note's documented example.
VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
NOTE = (
    f"{TEXT}\n— PeterNeumann "
    "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)


def test_the_reference_key_signs_the_reference_note() -> None:
    key = SigningKey.from_skey(SKEY)
    assert key.skey == SKEY and key.verifier.vkey == VKEY
    assert key.sign(TEXT) == NOTE
    assert Verifier.from_vkey(VKEY).open(NOTE) == TEXT


def test_a_changed_note_or_another_key_is_not_verified() -> None:
    verifier = Verifier.from_vkey(VKEY)
    with pytest.raises(NoteNotVerified):
        verifier.open(NOTE.replace("answer", "Answer"))
    with pytest.raises(NoteNotVerified):
        verifier.open(SigningKey.generate("PeterNeumann").sign(TEXT))
    with pytest.raises(NoteNotVerified):
        verifier.open(TEXT)


@pytest.mark.parametrize(
    "vkey",
    [VKEY[:-1], VKEY.replace("c74f20a3", "c74f20a4"), "Peter Neumann" + VKEY[12:], "", "a+b"],
)
def test_a_malformed_verifier_key_is_refused(vkey: str) -> None:
    with pytest.raises(MalformedKey):
        Verifier.from_vkey(vkey)


def test_a_checkpoint_reads_back_from_its_signed_note() -> None:
    key = SigningKey.generate("register.ocop.example/log")
    checkpoint = Checkpoint("register.ocop.example/log", 0, EMPTY_ROOT)
    assert checkpoint.text == (
        "register.ocop.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"
    )
    opened = Verifier.from_vkey(key.verifier.vkey).open(key.sign(checkpoint.text))
    assert Checkpoint.from_text(opened) == checkpoint


@pytest.mark.parametrize(
    "text",
    ["origin\n01\nAAAA\n", "origin\n5\n", "\n5\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"],
)
def test_a_malformed_checkpoint_is_refused(text: str) -> None:
    with pytest.raises(MalformedCheckpoint):
        Checkpoint.from_text(text)
