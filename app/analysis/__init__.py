"""Analysis of case files: page text, documents, transcript facts, search.

Page text comes from the text layer or offline OCR; segmentation splits a case file into its
documents; transcript facts and flags point the expert at what to check. No Qt here.
"""
