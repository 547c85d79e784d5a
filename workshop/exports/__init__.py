"""Exports: the documents the government files (xlsx, csv, json, docx, KIPP, html)."""
