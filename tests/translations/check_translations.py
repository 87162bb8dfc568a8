#!/usr/bin/env python3
"""Fails when a shipped translation is incomplete or breaks a placeholder.

Usage: check_translations.py [DIR_OR_TS_FILE ...]   (default: the repository's translations/)

For every message of every .ts file (entries lupdate marked obsolete or vanished are not shipped and are
skipped) it checks that
  - the translation is not marked unfinished and is not empty (every numerus form, too),
  - a numerus message has as many forms as Qt uses for the file's language (when known),
  - the %1..%99 and %n placeholders of each translation (and of each numerus form) are exactly those of the
    source: a lost %1 shows the raw placeholder or drops a value, an extra one swallows an argument,
  - no context is named after a Q_OBJECT class without its namespace ("MainWindow" for
    creditdesk::MainWindow): tr() looks strings up under the qualified class name, so such entries are
    never used (the console's source folders next to translations/ are read for this).
It does not run lupdate: bring the .ts files in step with the sources first (`ninja -C build
update_translations`, or by hand `lupdate -locations none -no-obsolete -I . -I services app views models
services -ts translations/*.ts`; without the -I paths lupdate cannot see that the classes live in namespace
creditdesk and files strings under contexts such as "MainWindow" that the running console never looks up).
Standard library only.
"""

import pathlib
import re
import sys
import xml.etree.ElementTree as ET

# %1..%99, %L1 (localized), %n; "%%" and a lone "%" (as in "80 %") are not placeholders.
PLACEHOLDER = re.compile(r"%L?([1-9][0-9]?|n)")

# Number of plural forms Qt's numerus rules use (qtbase/src/corelib/kernel/qtranslator.cpp); languages not
# listed are not checked for the count.
NUMERUS_FORMS = {"de": 2, "en": 2, "fr": 2, "es": 2, "it": 2, "nl": 2, "pt": 2, "ja": 1, "zh": 1}


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text or "")))


SOURCE_FOLDERS = ("app", "views", "models", "services")
NAMESPACE = re.compile(r"^namespace\s+(\w+)\s*\{", re.MULTILINE)
CLASS = re.compile(r"^\s*class\s+(\w+)\b[^;{]*\{", re.MULTILINE)
# translate("Context", ...) and QT_TRANSLATE_NOOP("Context", ...) name their context literally.
LITERAL_CONTEXT = re.compile(r"(?:translate|QT_TRANSLATE_NOOP\w*)\(\s*\"([^\"]+)\"")


def namespaced_classes(root):
    """Maps the bare name of each Q_OBJECT class declared in a namespace to its qualified name, leaving out
    names that the sources also use as a literal translate() context."""
    classes = {}
    literal = set()
    for folder in SOURCE_FOLDERS:
        for source in sorted((root / folder).rglob("*.cpp")):
            literal.update(LITERAL_CONTEXT.findall(source.read_text(encoding="utf-8", errors="replace")))
        for header in sorted((root / folder).rglob("*.h")):
            text = header.read_text(encoding="utf-8", errors="replace")
            namespace = NAMESPACE.search(text)
            if not namespace:
                continue
            starts = list(CLASS.finditer(text))
            for index, match in enumerate(starts):
                end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
                body = text[match.end():end]
                if "Q_OBJECT" in body or "Q_DECLARE_TR_FUNCTIONS" in body:
                    classes[match.group(1)] = f"{namespace.group(1)}::{match.group(1)}"
    return {name: qualified for name, qualified in classes.items() if name not in literal}


def check_file(path, classes):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return [f"{path}: not well-formed XML: {error}"], 0
    if root.tag != "TS":
        return [f"{path}: not a Qt .ts file (root element <{root.tag}>)"], 0
    language = (root.get("language") or "").split("_")[0]
    expected_forms = NUMERUS_FORMS.get(language)
    checked = 0
    for context in root.iter("context"):
        context_name = context.findtext("name") or "?"
        if context_name in classes:
            problems.append(f"{path}: context {context_name!r} is never looked up, tr() uses "
                            f"{classes[context_name]!r}: run lupdate with the include paths (-I . -I services)")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            where = f"{path}: [{context_name}] {source!r}"
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else None
            if kind in ("obsolete", "vanished"):
                continue
            checked += 1
            if translation is None:
                problems.append(f"{where}: no <translation>")
                continue
            if kind == "unfinished":
                problems.append(f"{where}: translation is unfinished")
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in translation.iter("numerusform")]
                if not forms:
                    problems.append(f"{where}: numerus message without <numerusform>")
                if expected_forms is not None and forms and len(forms) != expected_forms:
                    problems.append(f"{where}: {len(forms)} plural forms, {language!r} needs {expected_forms}")
            else:
                forms = [translation.text or ""]
            wanted = placeholders(source)
            for index, form in enumerate(forms):
                label = f" (form {index + 1})" if message.get("numerus") == "yes" else ""
                if not form.strip():
                    if kind != "unfinished":
                        problems.append(f"{where}: empty translation{label}")
                    continue
                got = placeholders(form)
                if got != wanted:
                    problems.append(f"{where}: placeholders {got} in translation{label} {form!r}, source has {wanted}")
    return problems, checked


def main(argv):
    targets = [pathlib.Path(arg) for arg in argv[1:]] or [pathlib.Path(__file__).resolve().parents[2] / "translations"]
    files = []
    for target in targets:
        files.extend(sorted(target.glob("*.ts")) if target.is_dir() else [target])
    if not files:
        print(f"check_translations: no .ts files in {', '.join(map(str, targets))}", file=sys.stderr)
        return 1
    all_problems = []
    for path in files:
        problems, checked = check_file(path, namespaced_classes(path.resolve().parent.parent))
        all_problems.extend(problems)
        print(f"{path}: {checked} messages, {len(problems)} problem(s)")
    for problem in all_problems:
        print(problem, file=sys.stderr)
    if all_problems:
        print(f"check_translations: {len(all_problems)} problem(s) in the .ts files (edit them in Qt Linguist)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
