"""Expert identities (Ed25519 keys) and signed score packages: export, and verification anyone can repeat."""
