"""The score package's file format, in one place, so export and verification cannot drift apart.

A package is a zip holding:

- ``manifest.json`` — UTF-8 JSON: format, expert and key, rubrics with content hashes, every case
  scored (file SHA-256, inputs, result, history) and the SHA-256 of every other member;
- ``manifest.sig`` — the raw 64-byte Ed25519 signature over ``manifest.json``'s exact bytes;
- ``signer.pub.pem`` — the signer's public key (SubjectPublicKeyInfo PEM), for openssl;
- ``score-sheet.pdf`` — the printable score sheet;
- ``VERIFY.txt`` — how to check all of this with openssl alone.

Nothing else may be in it: a member added or removed is a failed verification.
"""

from __future__ import annotations

FORMAT = "reviewdesk-score-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "signer.pub.pem"
SHEET = "score-sheet.pdf"
HOWTO = "VERIFY.txt"
SIGNED_MEMBERS = (PUBLIC_KEY, SHEET, HOWTO)
"""members whose SHA-256 the manifest lists"""

VERIFY_TEXT = """\
如何不依赖 ReviewDesk 核验本评分包 / How to check this package with openssl alone
=======================================================================

1. 解压 / unzip:
       unzip PACKAGE.zip -d pkg && cd pkg

2. 核验签名（Ed25519，对 manifest.json 的原始字节）/ check the signature over manifest.json's bytes:
       openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in manifest.json -sigfile manifest.sig
   应输出 / should print: Signature Verified Successfully

3. 核对公钥指纹与专家名册 / compare the key's fingerprint with the roster:
       openssl pkey -pubin -in signer.pub.pem -outform DER | tail -c 32 | openssl dgst -sha256
   应等于 manifest.json 中 expert.fingerprint / must equal expert.fingerprint in manifest.json

4. 核对其他文件未被改动 / check the other members are unchanged:
       openssl dgst -sha256 signer.pub.pem score-sheet.pdf VERIFY.txt
   应等于 manifest.json 中 members 的值 / must equal the values under "members" in manifest.json
"""
