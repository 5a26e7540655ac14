"""Text in, text out: reading files and bytes, the same-length matching copy, lines and layout,
clause boundaries and numerals. No spaCy, no pandas: every later stage reads what this one gives."""
