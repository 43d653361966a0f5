"""Expert identities (Ed25519 keys) and signed score packages: their format, and verification anyone can repeat.

Writing a package is `app.score_export`, above this package and `app.reports` (it embeds the score sheet).
"""
