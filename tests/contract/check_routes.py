#!/usr/bin/env python3
"""The route table and docs/openapi.yaml describe the same API, both ways.

Usage: check_routes.py <creditdesk-server> <openapi.yaml>

Every registered route (method + path) is documented and every documented operation is registered; each
operation's `x-creditdesk-access` is the route's access rule as the server describes it and its
`x-creditdesk-audit` the audit action it records (none for reads); an operation is
documented without security (`security: []`) exactly when its rule is public.
"""
import json
import subprocess
import sys
import tempfile

import yaml

METHODS = {"get", "post", "put", "patch", "delete"}


def main():
    server, contract = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as folder:
        table = json.loads(subprocess.run(
            [server, "serve", "--database", f"sqlite:{folder}/routes.db", "--print-routes"],
            check=True, capture_output=True, text=True).stdout)
    with open(contract, encoding="utf-8") as handle:
        spec = yaml.safe_load(handle)
    default_security = spec.get("security")

    registered = {(route["method"], route["path"]): route["access"] for route in table}
    audits = {(route["method"], route["path"]): route.get("audit") for route in table}
    documented = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                documented[(method.upper(), path)] = operation

    problems = []
    for key in sorted(registered.keys() - documented.keys()):
        problems.append(f"{key[0]} {key[1]}: registered but not in openapi.yaml")
    for key in sorted(documented.keys() - registered.keys()):
        problems.append(f"{key[0]} {key[1]}: in openapi.yaml but not registered")
    for key in sorted(registered.keys() & documented.keys()):
        access = registered[key]
        operation = documented[key]
        declared = operation.get("x-creditdesk-access")
        if declared != access:
            problems.append(f"{key[0]} {key[1]}: x-creditdesk-access is {declared!r}, the route's rule is {access!r}")
        if operation.get("x-creditdesk-audit") != audits[key]:
            problems.append(f"{key[0]} {key[1]}: x-creditdesk-audit is {operation.get('x-creditdesk-audit')!r}, "
                            f"the route records {audits[key]!r}")
        security = operation.get("security", default_security)
        is_public = security == []
        if is_public != (access == "public"):
            problems.append(f"{key[0]} {key[1]}: security {security!r} does not match the rule {access!r}")
    for problem in problems:
        print(problem)
    print(f"{len(registered)} routes, {len(documented)} documented operations, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
