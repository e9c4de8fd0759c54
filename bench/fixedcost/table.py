#!/usr/bin/env python3
"""Puts several profile.py summaries side by side: table.py 'label=FILE.md' ... (rows: the layers)."""
import re
import sys

columns, rows, order = [], {}, []
for arg in sys.argv[1:]:
    label, path = arg.split("=", 1)
    columns.append(label)
    section = None
    for line in open(path):
        if line.startswith("| layer"):
            section = "layer"
        elif line.startswith("| anywhere"):
            section = "incl"
        elif line.startswith("| thread") or line.startswith("| top"):
            section = None
        m = re.match(r"^\| (.+?) \| ([0-9.]+%) \|$", line)
        if m and section:
            key = (section, m.group(1))
            if key not in rows:
                rows[key] = {}
                order.append(key)
            rows[key][label] = m.group(2)
        m = re.match(r"^#### .*: (\d+) CPU samples", line)
        if m:
            rows.setdefault(("n", "CPU samples"), {})[label] = m.group(1)
for section, title in (("layer", "layer (innermost frame naming one)"), ("incl", "anywhere on the stack (inclusive)")):
    print(f"\n| {title} | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    if section == "layer":
        print("| CPU samples | " + " | ".join(rows[("n", "CPU samples")].get(c, "") for c in columns) + " |")
    for key in order:
        if key[0] == section:
            print(f"| {key[1]} | " + " | ".join(rows[key].get(c, "0.0%") for c in columns) + " |")
