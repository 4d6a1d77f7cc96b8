"""Readers: txt, jsonl, csv, html and directories -> Article, errors with file and line."""
