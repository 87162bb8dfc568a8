#!/usr/bin/env python3
"""No SQL in the route handlers: server/api/ parses, calls services and renders (CONTRIBUTING.md).

Usage: check_no_sql_in_api.py <source root> [allow-list]

Fails when a file in server/api/ holds
  - a string literal that starts an SQL statement (SELECT, INSERT, UPDATE, DELETE, WITH; any case) or an
    upper-case SQL fragment (" FROM ...", " WHERE ...", " AND x = ?", "RETURNING ...", ...), or
  - a call of row(), rows(), execute(), executeDirect(), insert() or sqliteStatement() on a database
    connection: a name declared SqlConnection& / SqlConnection* in server/api/, the usual connection names
    (db, reader, m_db, m_reader, connection), or store.reader() itself.
Comments are ignored. The statements belong in the services of the domain folders (orgs/, auth/, ledger/,
metering/, store/), which take a SqlConnection& and return values.

The allow-list (default: sql_in_api_allowlist.txt next to this script) names files that may still hold
SQL, one per line as "server/api/<file>  # reason"; the reason is required. An entry whose file holds no
SQL any more fails the check too, so the list only shrinks.
"""
import os
import re
import sys

API_DIR = "server/api"
SOURCE_SUFFIXES = (".cpp", ".h", ".hpp", ".cc")

STATEMENT = re.compile(r"^\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\s", re.IGNORECASE)
FRAGMENT = re.compile(
    r"^\s*(FROM|WHERE|RETURNING|VALUES|LIMIT|SET|ORDER\s+BY|GROUP\s+BY|(LEFT\s+|INNER\s+)?JOIN|ON\s+CONFLICT)\s"
    r"|^\s*(AND|OR)\s+[\w.%]+\s*(=|<>|<|>|IS\s|IN\s|LIKE\s)")
CONNECTION_METHODS = r"(row|rows|execute|executeDirect|insert|sqliteStatement)"
DEFAULT_CONNECTION_NAMES = {"db", "reader", "m_db", "m_reader", "connection"}
DECLARATION = re.compile(r"\bSqlConnection\s*(?:&|\*)\s*(\w+)")


def scan(text):
    """Splits C++ source into (code with literals and comments blanked, [(line, literal text)])."""
    code, literals = [], []
    i, line, n = 0, 1, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end < 0 else end
            code.append(" " * (end - i))
            i = end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            chunk = text[i:end]
            code.append(re.sub(r"[^\n]", " ", chunk))
            line += chunk.count("\n")
            i = end
        elif c == "'" and not (i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")):
            # A character literal (a digit separator follows an alphanumeric and is left alone).
            j = i + 1
            while j < n and text[j] != "'" and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            code.append(" " * (j + 1 - i))
            i = j + 1
        elif c == '"':
            raw = re.search(r"R$", text[max(0, i - 3):i]) and re.match(r'"([^()\\\s]{0,16})\(', text[i:])
            if raw:
                closing = ")" + raw.group(1) + '"'
                start = i + len(raw.group(0))
                end = text.find(closing, start)
                end = n if end < 0 else end
                literals.append((line, text[start:end]))
                chunk = text[i:end + len(closing)]
            else:
                j = i + 1
                while j < n and text[j] != '"' and text[j] != "\n":
                    j += 2 if text[j] == "\\" else 1
                literals.append((line, text[i + 1:j]))
                chunk = text[i:j + 1]
            code.append('"' + re.sub(r"[^\n]", " ", chunk[1:-1]) + '"' if len(chunk) > 1 else chunk)
            line += chunk.count("\n")
            i += len(chunk)
        else:
            code.append(c)
            if c == "\n":
                line += 1
            i += 1
    return "".join(code), literals


def declared_connections(code):
    return set(DECLARATION.findall(code))


def findings(text, connection_names):
    """[(line, what)] of the SQL in one file's text."""
    code, literals = scan(text)
    found = []
    for line, literal in literals:
        if STATEMENT.search(literal) or FRAGMENT.search(literal):
            found.append((line, f'SQL in a string literal: "{literal.strip()[:60]}"'))
    names = "|".join(sorted(re.escape(name) for name in connection_names))
    call = re.compile(r"(?:\b(?:" + names + r")|\breader\s*\(\s*\))\s*(?:\.|->)\s*" + CONNECTION_METHODS + r"\s*\(")
    for match in call.finditer(code):
        line = code.count("\n", 0, match.start()) + 1
        found.append((line, f"a statement run on a connection: {' '.join(match.group(0).split())}"))
    return sorted(found)


def read_allow_list(path, root):
    allowed, problems = {}, []
    if not os.path.exists(path):
        return allowed, problems
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            entry, _, reason = raw.partition("#")
            entry, reason = entry.strip(), reason.strip()
            if not entry:
                continue
            if not reason:
                problems.append(f"{path}:{number}: '{entry}' needs a reason after '#'")
            elif not os.path.isfile(os.path.join(root, entry)):
                problems.append(f"{path}:{number}: '{entry}' does not exist")
            allowed[entry] = reason
    return allowed, problems


def self_test():
    """The detector must flag what it is meant to flag and leave ordinary handler code alone."""
    names = DEFAULT_CONNECTION_NAMES | {"conn"}
    bad = [
        'db.execute(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"), {hash});',
        'const auto r = context.store.reader().row(QStringLiteral("SELECT 1"));',
        'auto rows = reader.rows(sql, binds);',
        'm_reader.row(query, {id});',
        'conn->insert(sql, binds);',
        'QString sql = QStringLiteral("select id from users");',
        'QString sql = QStringLiteral("WITH t AS (SELECT 1) SELECT * FROM t");',
        'sql += QStringLiteral(" AND seq > ?");',
        'sql += QStringLiteral(" FROM api_tokens WHERE id = ?");',
        'const char* s = R"(  UPDATE users SET name = ?)";',
    ]
    good = [
        'routes.addAsync("DELETE", QStringLiteral("/api/v1/api-tokens/{id}"), rule, revoke);',
        'object.insert(QStringLiteral("role"), role);',
        'for (const ReportRow& row : UsageReports(reader).rows(query, ReportGrouping::Kind)) {}',
        'cache.insert(key, value, now);',
        'throw ApiError::validation(QStringLiteral("kind"), QStringLiteral("\'kind\' must be allocation"));',
        '// db.execute(QStringLiteral("DELETE FROM x")) in a comment',
        '/* SELECT 1 */ int x = 0;',
        'const QString text = QStringLiteral("Updated the department");',
    ]
    failures = [f"not flagged: {sample}" for sample in bad if not findings(sample, names)]
    failures += [f"flagged: {sample}" for sample in good if findings(sample, names)]
    return failures


def main():
    if len(sys.argv) not in (2, 3):
        print(__doc__, file=sys.stderr)
        return 2
    root = sys.argv[1]
    allow_path = sys.argv[2] if len(sys.argv) == 3 else os.path.join(os.path.dirname(__file__),
                                                                       "sql_in_api_allowlist.txt")
    problems = [f"self-test: {failure}" for failure in self_test()]
    allowed, allow_problems = read_allow_list(allow_path, root)
    problems += allow_problems

    api = os.path.join(root, API_DIR)
    files = sorted(name for name in os.listdir(api) if name.endswith(SOURCE_SUFFIXES))
    texts = {}
    for name in files:
        with open(os.path.join(api, name), encoding="utf-8") as handle:
            texts[f"{API_DIR}/{name}"] = handle.read()
    connection_names = set(DEFAULT_CONNECTION_NAMES)
    for text in texts.values():
        connection_names |= declared_connections(scan(text)[0])

    tolerated = 0
    for path, text in texts.items():
        found = findings(text, connection_names)
        if path in allowed:
            if not found:
                problems.append(f"{path}: holds no SQL any more; remove it from {allow_path}")
            tolerated += len(found)
            continue
        problems += [f"{path}:{line}: {what}" for line, what in found]
    for entry in allowed:
        if entry not in texts and os.path.isfile(os.path.join(root, entry)):
            problems.append(f"{allow_path}: '{entry}' is not a file in {API_DIR}/")

    if problems:
        print("SQL belongs in the services of the domain folders, not in server/api/:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"server/api/: {len(texts)} files checked, no SQL outside the allow-list"
          + (f" ({tolerated} finding(s) tolerated in {', '.join(sorted(allowed))})" if allowed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
