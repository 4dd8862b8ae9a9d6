#!/usr/bin/env python3
"""Turns docs/kamgr.1.md (a small Markdown subset) into the roff man page kamgr.1, so the
man page has one source. Usage: md2man.py INPUT.md OUTPUT.1 VERSION"""
import re
import sys


def inline(text):
    text = text.replace("\\", "\\\\").replace("-", "\\-")
    text = re.sub(r"`([^`]*)`", r"\\fB\1\\fR", text)
    text = re.sub(r"\*([^*]+)\*", r"\\fI\1\\fR", text)
    return text


def convert(md, version):
    lines = md.splitlines()
    out = []
    title = lines[0].lstrip("# ").strip()
    name, _, desc = title.partition(" -- ")
    out.append(f'.TH KAMGR 1 "" "kamgr {version}" "kamgr manual"')
    out.append(".SH NAME")
    out.append(inline(f"kamgr - {desc}"))
    in_code = False
    for line in lines[1:]:
        if line.startswith("## "):
            out.append(".SH " + line[3:].strip())
        elif line.startswith("    "):
            if not in_code:
                out.append(".nf\n.RS")
                in_code = True
            out.append(inline(line[4:]))
            continue
        elif line.startswith("* "):
            term = line[2:].rstrip(":")
            out.append(".TP\n" + inline(term))
        elif line.startswith("  ") and line.strip():
            out.append(inline(line.strip()))
        elif not line.strip():
            if in_code:
                out.append(".RE\n.fi")
                in_code = False
            out.append(".PP")
        else:
            out.append(inline(line))
        if in_code and not line.startswith("    "):
            in_code = False
    if in_code:
        out.append(".RE\n.fi")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    src, dst, version = sys.argv[1:4]
    with open(src, encoding="utf-8") as f:
        text = convert(f.read(), version)
    with open(dst, "w", encoding="utf-8") as f:
        f.write(text)
