#!/usr/bin/env python3
"""One error table: every error code the server's source throws is in server/core/ErrorCodes.cpp, and
docs/openapi.yaml (components.x-creditdesk-errors) lists exactly the table's codes with the same status.

Usage: check_errors.py <source root>
"""
import pathlib
import re
import sys

import yaml

THROWN = re.compile(r'(?:ApiError|errorResponse|badRequest|conflict)\(\s*QStringLiteral\("([a-z_]+)"\)'
                    r'|plainError\("([a-z_]+)"')


def main():
    root = pathlib.Path(sys.argv[1])
    table_text = (root / "server/core/ErrorCodes.cpp").read_text(encoding="utf-8")
    table = {code: int(status) for code, status in re.findall(r'ErrorKind\{"([a-z_]+)", (\d{3}),', table_text)}
    thrown = {}
    for path in sorted((root / "server").rglob("*")):
        if path.suffix not in (".cpp", ".h") or path.name.startswith("ErrorCodes"):
            continue
        for match in THROWN.finditer(path.read_text(encoding="utf-8")):
            thrown.setdefault(match.group(1) or match.group(2), str(path.relative_to(root)))
    with open(root / "docs/openapi.yaml", encoding="utf-8") as handle:
        documented = {entry["code"]: entry["status"]
                      for entry in yaml.safe_load(handle)["components"]["x-creditdesk-errors"]}

    problems = []
    for code, where in sorted(thrown.items()):
        if code not in table:
            problems.append(f"{code} (thrown in {where}) is not in the error table")
    for code in sorted(table.keys() - documented.keys()):
        problems.append(f"{code} is in the error table but not in openapi.yaml")
    for code in sorted(documented.keys() - table.keys()):
        problems.append(f"{code} is in openapi.yaml but not in the error table")
    for code in sorted(table.keys() & documented.keys()):
        if table[code] != documented[code]:
            problems.append(f"{code}: status {table[code]} in the table, {documented[code]} in openapi.yaml")
    for problem in problems:
        print(problem)
    print(f"{len(table)} codes in the table, {len(thrown)} thrown, {len(documented)} documented, "
          f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
