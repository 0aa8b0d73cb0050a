#!/usr/bin/env python3
"""The house rules that a reader of include/ and src/ relies on, checked.

* A part includes only parts below it (docs/architecture.md):
  money, time -> detail -> rules -> ledger -> fund -> audit, forecast -> io;
  store sits on ledger; src/ (stores, CLI) may include anything.
* No header or source over 400 lines unless its first comment says why,
  in a line that starts with "Long:".

Run: check_layout.py ROOT   (exit 1 and one line per breach)
"""
import pathlib
import re
import sys

# Each part and the parts it may include (besides itself).
ALLOWED = {
    "money": {"detail"},  # detail/int128 and money's own detail
    "time": {"detail"},
    "detail": {"money", "time"},
    "rules": {"money", "time", "detail"},
    "ledger": {"money", "time", "detail", "rules"},
    "fund": {"money", "time", "detail", "rules", "ledger"},
    "audit": {"money", "time", "detail", "rules", "ledger", "fund"},
    "forecast": {"money", "time", "detail", "rules", "ledger", "fund"},
    "io": {"money", "time", "detail", "rules", "ledger", "fund", "audit", "forecast"},
    "store": {"money", "time", "detail", "rules", "ledger"},
}
TOP_LEVEL = {"error.hpp", "fwd.hpp"}  # below every part
MAX_LINES = 400
# Files that are over the limit today and are being split (issue 12): each
# must shrink, never grow; a new long file needs its "// Long:" reason.
BEING_SPLIT = {
}
INCLUDE = re.compile(r'#\s*include\s+[<"]sifund/([^">]+)[">]')


def first_comment(lines):
    out = []
    for line in lines:
        s = line.strip()
        if s.startswith("#pragma") or not s:
            if out:
                break
            continue
        if s.startswith("//"):
            out.append(s)
        else:
            break
    return out


def main(root):
    root = pathlib.Path(root)
    problems = []
    for path in sorted(list((root / "include").rglob("*.hpp")) + list((root / "src").rglob("*.[ch]pp"))):
        rel = path.relative_to(root)
        lines = path.read_text(encoding="utf-8").splitlines()
        limit = BEING_SPLIT.get(rel.as_posix(), MAX_LINES)
        if len(lines) > limit and not any(c.startswith("// Long:") for c in first_comment(lines)):
            problems.append(f"{rel}: {len(lines)} lines (over {limit}) and no '// Long:' reason in its first comment")
        parts = rel.parts
        if parts[0] != "include" or len(parts) < 4:
            continue  # src/ sits on top; sifund.hpp includes everything
        part = parts[2]
        if part not in ALLOWED:
            problems.append(f"{rel}: part '{part}' has no place in the layer list of tests/layout/check_layout.py")
            continue
        for n, line in enumerate(lines, 1):
            m = INCLUDE.search(line)
            if not m:
                continue
            target = m.group(1)
            if target in TOP_LEVEL:
                continue
            other = target.split("/")[0]
            if other != part and other not in ALLOWED[part]:
                problems.append(f"{rel}:{n}: {part}/ includes {target}, a part above it or beside it")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
