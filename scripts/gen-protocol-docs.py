#!/usr/bin/env python3
"""Generates the field tables of docs/protocol-schema.md from rules/protocol.schema.json.

The schema is the source of truth for the protocol's documented fields. Each top-level section of
the doc holds its table between marker comments,

    <!-- BEGIN schema table: SECTION -->
    ...
    <!-- END schema table -->

and only those lines are rewritten; the prose around them is hand-written. The controlled
vocabularies stay prose too, but must list exactly the values of the schema's enumerations.
scripts/embed-resources.py imports this file for the field list it compiles into the binary.

Usage: scripts/gen-protocol-docs.py [--check]
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(ROOT, "rules", "protocol.schema.json")
DOC = os.path.join(ROOT, "docs", "protocol-schema.md")
BEGIN = re.compile(r"^<!-- BEGIN schema table: ([a-z_]+) -->$")
END = "<!-- END schema table -->"
HEADER = ["| path | type | title | unit / allowed values / notes | example | USDM / CT.gov / M11 |",
          "|---|---|---|---|---|---|"]


def load_schema():
    with open(SCHEMA, encoding="utf-8") as f:
        return json.load(f)


def definition(schema, ref):
    prefix = "#/$defs/"
    if not ref.startswith(prefix):
        raise SystemExit(f"rules/protocol.schema.json: only local $defs references are supported, found {ref}")
    return schema["$defs"][ref[len(prefix):]]


def resolved(schema, node):
    """The node with its $ref's keywords merged in (the node's own win)."""
    while "$ref" in node:
        target = definition(schema, node["$ref"])
        node = dict(target, **{k: v for k, v in node.items() if k != "$ref"}, **{"x-ref": node["$ref"]})
    return node


def fields(schema):
    """(path, node) of every documented field (one with a title), parents first, in schema order."""
    out = []

    def walk(node, path):
        if path and "title" in node:
            out.append((path, node))
        full = resolved(schema, node) if "$ref" in node else node
        for key, child in full.get("properties", {}).items():
            walk(child, f"{path}.{key}" if path else key)
        if isinstance(full.get("items"), dict):
            walk(full["items"], path + "[*]")
        if isinstance(full.get("additionalProperties"), dict):
            walk(full["additionalProperties"], path + ".*")

    walk(schema, "")
    return out


def types_of(node):
    t = node.get("type", [])
    return [t] if isinstance(t, str) else list(t)


def doc_type(schema, node):
    """The field's type in the doc's words: string, integer, number, boolean, date, list<T>, map, quantity."""
    node = resolved(schema, node)
    if node.get("x-ref", "").endswith("_quantity"):
        return "quantity"
    if node.get("x-ref", "").endswith("/dose"):
        return "dose"
    if node.get("format") == "partial-date":
        return "partial date"
    if "enum" in node and set(type(v).__name__ for v in node["enum"] if v is not None) == {"int"} and "type" not in node:
        return "integer"
    types = [t for t in types_of(node) if t != "null"]
    if "enum" in node and not types:
        kinds = {type(v).__name__ for v in node["enum"] if v is not None}
        types = ["string"] if kinds <= {"str"} else sorted(kinds)
    if "array" in types:
        return "list<" + doc_type(schema, node.get("items", {})) + ">"
    if "object" in types:
        return "map"
    if "integer" in types:
        return "integer"
    if "number" in types:
        return "number"
    if "boolean" in types:
        return "boolean"
    if "string" in types:
        return "date" if node.get("format") == "date" else "string"
    return "any"


def scalar_text(value, in_flow):
    if value is None:
        return "~"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    text = str(value)
    plain = re.fullmatch(r"[A-Za-z_][^:#\[\]{},\"'\n]*", text) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", text)
    if plain and text == text.strip() and text not in ("true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL", "~"):
        if not in_flow or "," not in text:
            return text
    return json.dumps(text, ensure_ascii=False)


def example_text(value, in_flow=False):
    """A value as YAML (flow style), as a person would write it in a protocol."""
    if isinstance(value, list):
        return "[" + ", ".join(example_text(v, True) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {example_text(v, True)}" for k, v in value.items()) + "}"
    return scalar_text(value, in_flow)


def allowed_text(schema, node):
    """Unit, vocabulary or values, range: what the schema constrains beyond the type."""
    parts = []
    own = node
    node = resolved(schema, node)
    if doc_type(schema, node).startswith("list<"):
        item = node.get("items", {})
        if "title" not in item:  # an undocumented item: its constraints show on the list
            parts += allowed_text(schema, item)
        return parts
    ref = node.get("x-ref")
    description = definition(schema, ref).get("description", "") if ref else ""
    anchor = re.search(r"docs/protocol-schema\.md#([a-z0-9\-]+)$", description)
    if anchor:
        parts.append(f"[{definition(schema, ref)['title'].lower()}](#{anchor.group(1)})")
    elif "enum" in node:
        parts.append("one of " + ", ".join(f"`{scalar_text(v, False)}`" for v in node["enum"] if v is not None))
    elif ref and not ref.endswith("_quantity") and not ref.endswith("number_form"):
        parts.append(definition(schema, ref)["title"].lower().replace("iso", "ISO"))
    if "x-unit" in node:
        parts.append("in " + node["x-unit"])
    if ref and ref.endswith("number_form"):
        parts.append("a number or a number-form string (`3 x 10^7`)")
    if ref and ref.endswith("_quantity"):
        parts.append(f"`NUMBER UNIT` or `{{value, unit}}`, unit of {node.get('x-dimension', '?')}")
    low, high = node.get("minimum"), node.get("maximum")
    if low is not None and high is not None:
        parts.append(f"{low}–{high}")
    elif low is not None:
        parts.append(f"≥ {low}")
    elif high is not None:
        parts.append(f"≤ {high}")
    return parts


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def mapping_text(node):
    m = node.get("x-mappings") or {}
    parts = []
    for key, prefix in (("usdm", "USDM "), ("ctgov", "CT.gov "), ("who_trds", ""), ("m11", "M11 ")):
        if key in m:
            parts.append(prefix + m[key])
    return "; ".join(parts)


def row(schema, path, node):
    notes = allowed_text(schema, node)
    description = node.get("description", "")
    if notes and re.match(r"[A-Z][a-z ]", description):
        description = description[0].lower() + description[1:]  # a sentence continued after "in years; "
    if description:
        notes.append(description)
    examples = ", ".join(f"`{example_text(e)}`" for e in node.get("examples", []))
    return "| " + " | ".join(cell(c) for c in [
        f"`{path}`", doc_type(schema, node), node["title"], "; ".join(notes), examples, mapping_text(node)]) + " |"


def render(doc, schema):
    """The doc with every marked table regenerated; raises on sections and marks that do not match."""
    sections = {}
    for path, node in fields(schema):
        top = re.split(r"[.\[]", path, 1)[0]
        sections.setdefault(top, []).append(row(schema, path, node))
    out, seen, skipping = [], set(), None
    for number, line in enumerate(doc.split("\n"), 1):
        m = BEGIN.match(line)
        if m:
            name = m.group(1)
            if name not in sections:
                raise SystemExit(f"docs/protocol-schema.md:{number}: no top-level field '{name}' in rules/protocol.schema.json")
            if name in seen:
                raise SystemExit(f"docs/protocol-schema.md:{number}: a second table for '{name}'")
            seen.add(name)
            out += [line] + HEADER + sections[name] + [END]
            skipping = name
            continue
        if skipping:
            if line == END:
                skipping = None
            continue
        out.append(line)
    if skipping:
        raise SystemExit(f"docs/protocol-schema.md: the table for '{skipping}' has no '{END}'")
    missing = [name for name in sections if name not in seen]
    if missing:
        raise SystemExit("docs/protocol-schema.md has no table for " + ", ".join(missing)
                         + ": add a section with '<!-- BEGIN schema table: NAME -->' and '" + END + "'")
    return "\n".join(out)


def vocabulary_problems(doc, schema):
    """Each controlled vocabulary section lists exactly its enumeration's values."""
    problems = []
    text_by_anchor, anchor = {}, None
    for line in doc.split("\n"):
        if line.startswith("#"):
            heading = line.lstrip("#").strip().lower()
            anchor = re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")
            text_by_anchor[anchor] = []
        elif anchor:
            text_by_anchor[anchor].append(line)
    for name, node in schema["$defs"].items():
        m = re.search(r"docs/protocol-schema\.md#([a-z0-9\-]+)$", node.get("description", ""))
        if not m or "enum" not in node:
            continue
        lines = text_by_anchor.get(m.group(1))
        if lines is None:
            problems.append(f"$defs/{name} points at docs/protocol-schema.md#{m.group(1)}, which does not exist")
            continue
        listed = set()
        for line in lines:
            if line.startswith("| `"):
                listed.add(line.split("`")[1])
            elif not line.startswith("|"):
                listed |= set(re.findall(r"`([^`]+)`", line))
        values = {v for v in node["enum"] if v is not None}
        if listed != values:
            extra, absent = sorted(listed - values), sorted(values - listed)
            problems.append(f"docs/protocol-schema.md#{m.group(1)} and $defs/{name} differ:"
                            + (f" the doc also lists {', '.join(extra)};" if extra else "")
                            + (f" the schema also has {', '.join(absent)}" if absent else ""))
    return problems


def field_table(schema=None):
    """(path, type, title, example) of every documented field, for EmbeddedResources.swift."""
    schema = schema or load_schema()
    table = []
    for path, node in fields(schema):
        if ".*" in path:
            continue  # keyed by rule id (attestations): no fixed path
        examples = node.get("examples", [])
        table.append((path, doc_type(schema, node), node["title"], example_text(examples[0]) if examples else ""))
    return table


def main():
    schema = load_schema()
    with open(DOC, encoding="utf-8") as f:
        current = f.read()
    text = render(current, schema)
    problems = vocabulary_problems(text, schema)
    for p in problems:
        print(p, file=sys.stderr)
    if "--check" in sys.argv:
        if text != current:
            print("docs/protocol-schema.md is stale: run scripts/embed-resources.py (or scripts/gen-protocol-docs.py)", file=sys.stderr)
            return 1
        return 1 if problems else 0
    if text != current:
        with open(DOC, "w", encoding="utf-8") as f:
            f.write(text)
    print(f"wrote docs/protocol-schema.md: {len(fields(schema))} fields")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
