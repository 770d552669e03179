#!/usr/bin/env python3
"""One-off: converts the hand-written field tables of docs/protocol-schema.md (as they stood before
the schema existed) into rules/protocol.schema.json, which is the source of truth from then on.

Usage:
  git show f580795:docs/protocol-schema.md > /tmp/old-doc.md
  scripts/convert-protocol-table.py /tmp/old-doc.md scripts/protocol-schema-titles.txt > rules/protocol.schema.json

The old doc is the one of commit f580795, the last with hand-written tables. The titles file holds
one line per documented path, `path | Title | description` (description `-` for none), written by
hand: the tables had no titles, and their third column mixed descriptions, units and value lists.
Which inline value lists are closed vocabularies, which fields take a pattern, a unit or a range is
decided below, field by field; every decision is printed to stderr. Needs PyYAML.
"""
import json
import re
import sys

import yaml

SCHEMA_VERSION = "1.0"

# --- YAML 1.2 core schema, to read the examples column as the loader would -----------------------


class Core12Loader(yaml.SafeLoader):
    pass


Core12Loader.yaml_implicit_resolvers = {}
Core12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
Core12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Core12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)$"),
    list("-+0123456789."))
Core12Loader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


def load_example(text):
    value = yaml.load("x: " + text, Loader=Core12Loader)["x"]
    if isinstance(value, list):
        value = [v for v in value if v != "..."]
    return value


# --- the number forms and units of SPEC 3.3, as ECMA-262 / Python regexes -------------------------

# NUMBER: sign, digits (thousands groups allowed), fraction, then e-notation or "x 10^N" / "×10⁷".
NUMBER = (r"[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)?(?:\.[0-9]+|(?<=[0-9])\.)?"
          r"(?:[eE][+-]?[0-9]{1,6}|\s*[xX×*·]\s*10(?:\^[+-]?[0-9]{1,4}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}))?")
# Lookbehind is not in stemcheck's own matcher: write the "12." case out instead.
NUMBER = (r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)"
          r"(?:[eE][+-]?[0-9]{1,6}|\s*[xX×*·]\s*10(?:\^[+-]?[0-9]{1,4}|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}))?")


def ci(word):
    """A case-insensitive spelling without the (?i) flag, which ECMA-262 lacks."""
    return "".join(f"[{c.upper()}{c.lower()}]" if c.isalpha() else re.escape(c) for c in word)


# Every spelling of the time units (Sources/StemCheckModel/Unit.swift), any case.
TIME_UNITS = "(?:" + "|".join([
    ci("min") + "(?:" + ci("ute") + "[Ss]?)?",            # min, minute, minutes
    ci("h") + "(?:" + ci("our") + "[Ss]?|" + ci("r") + "[Ss]?)?",  # h, hour(s), hr(s)
    ci("d") + "(?:" + ci("ay") + "[Ss]?)?",               # d, day(s)
    ci("w") + "(?:" + ci("eek") + "[Ss]?|" + ci("k") + "[Ss]?)",   # week(s), wk(s)
    ci("mo") + "(?:" + ci("nth") + "[Ss]?)?",             # mo, month(s)
    ci("y") + "(?:" + ci("ear") + "[Ss]?|" + ci("r") + "[Ss]?)?",  # y, year(s), yr(s)
]) + ")"

DEFS = {
    "number_form": {
        "title": "Number (or a number-form string)",
        "description": "A number, or a string in one of the number forms of SPEC 3.3 (`25,000,000`, "
                       "`2.5 x 10^7`, `2.5×10^7`, `2.5e7`), which compares as a number.",
        "type": ["number", "string", "null"],
        "pattern": "^\\s*" + NUMBER + "\\s*$",
    },
    "time_quantity": {
        "title": "Quantity of time",
        "description": "A string `NUMBER UNIT` (`18 years`, `6 Months`) or a map `{value: N, unit: U}`; "
                       "units: minutes, hours, days, weeks, months, years and their short forms (SPEC 3.3).",
        "x-dimension": "time",
        "oneOf": [
            {"type": "string", "pattern": "^\\s*" + NUMBER + "\\s*" + TIME_UNITS + "\\s*$"},
            {"type": "object", "required": ["value", "unit"],
             "properties": {"value": {"$ref": "#/$defs/number_form"},
                            "unit": {"type": "string", "pattern": "^" + TIME_UNITS + "$"}}},
            {"type": "null"},
        ],
    },
    "country_code": {
        "title": "Country code (ISO 3166-1 alpha-2)",
        "description": "ISO 3166-1 alpha-2, upper case (`US`, `DE`); `EU` for the European Union as a whole "
                       "where a jurisdiction is meant.",
        "type": ["string", "null"],
        "pattern": "^[A-Z]{2}$",
    },
    "language_code": {
        "title": "Language code (ISO 639-1)",
        "description": "ISO 639-1, two lower-case letters (`en`, `es`).",
        "type": ["string", "null"],
        "pattern": "^[a-z]{2}$",
    },
    "us_risk_category": {
        "title": "US paediatric risk category",
        "description": "21 CFR 50 subpart D: 50.51 (no more than minimal risk), 50.52 (direct benefit), "
                       "50.53 (minor increase, no direct benefit), 50.54 (federal review).",
        "enum": ["50.51", "50.52", "50.53", "50.54", None],
    },
    "gmfcs_level": {
        "title": "GMFCS level",
        "description": "Gross Motor Function Classification System level, a Roman numeral written as a string.",
        "enum": ["I", "II", "III", "IV", "V", None],
    },
}

# Controlled vocabularies of the doc (anchor → $defs name, title).
VOCABULARIES = {
    "delivery-context": ("delivery_context", "Delivery context"),
    "cell-types": ("cell_type", "Cell type"),
    "donor-relations": ("donor_relation", "Donor relation"),
    "tissue-origins": ("tissue_origin", "Tissue origin"),
    "regulatory-classifications": ("regulatory_classification", "Regulatory classification"),
    "processing-steps": ("processing_step", "Processing step"),
    "routes": ("route", "Route"),
    "dose-populations": ("dose_population", "Dose population"),
    "release-tests": ("release_test", "Release test"),
    "label-statements": ("label_statement", "Label statement"),
    "donor-screening-agents": ("donor_screening_agent", "Donor screening agent"),
    "donor-test-codes": ("donor_test_code", "Donor test code"),
    "donor-consent-scope": ("donor_consent_scope", "Donor consent scope"),
    "consent-elements": ("consent_element", "Consent element"),
    "stem-cell-disclosures": ("stem_cell_disclosure", "Stem-cell disclosure"),
    "exclusion-tags": ("exclusion_tag", "Exclusion tag"),
    "adverse-events-of-special-interest": ("aesi", "Adverse event of special interest"),
    "risk-codes": ("risk_code", "Risk code"),
    "cell-bank-tests": ("cell_bank_test", "Cell bank test"),
    "cerebral-palsy-subtypes": ("cp_subtype", "Cerebral palsy subtype"),
    "cerebral-palsy-aetiologies": ("cp_aetiology", "Cerebral palsy aetiology"),
    "prohibited-therapies-cerebral-palsy": ("cp_prohibited_therapy", "Prohibited therapy (cerebral palsy)"),
    "registries": ("registry", "Registry"),
}

# Inline value lists that are closed vocabularies (the doc lists every value; no "...", no
# "or the plan", no "a national competent authority").
CLOSED_INLINE = {
    "protocol.phase", "protocol.status", "protocol.sponsor.type",
    "approvals.regulatory.type", "approvals.scientific_review.scope",
    "condition.category", "condition.severity", "condition.cerebral_palsy.seizure_eligibility",
    "participants.sex", "consent.timing", "consent.comprehension_check.method",
    "consent.optional_components[*].scope", "product.source", "product.genetic_modification_type",
    "product.characterization.immunophenotype[*].expression", "product.release_tests[*].result",
    "product.ancillary_materials[*].origin", "product.traceability.code_system",
    "product.source_bank.accreditation", "product.donor.eligibility_determination.status",
    "product.donor.testing.specimen_source", "product.donor.remuneration",
    "product.donor.ineligible_use.reason", "administration.hla_match.loci",
    "design.type", "design.model", "design.blinding", "design.masked_roles", "design.arms[*].type",
    "design.comparator.type", "design.primary_endpoint.type", "design.primary_endpoint.metric",
    "design.primary_endpoint.aggregation", "design.secondary_endpoint_domains",
    "design.sample_size_justification_type", "safety.attribution_categories",
    "safety.risk_benefit.risks[*].source", "financial.participant_payments.type",
}
# Values real records use that the doc's list left out.
EXTRA_VALUES = {
    # ClinicalTrials.gov armGroups[].type has OTHER too (the CT.gov import lower-cases it).
    "design.arms[*].type": ["other"],
}
# Fields that take a shared definition.
SHARED = {
    "jurisdictions[*]": "country_code",
    "protocol.sponsor.country": "country_code",
    "approvals.eu_ctr.member_states": "country_code",
    "approvals.hospital_exemption.member_state": "country_code",
    "participants.sites[*].country": "country_code",
    "product.psc_line.legal_review[*].jurisdiction": "country_code",
    "consent.languages": "language_code",
    "participants.pediatric.us_risk_category": "us_risk_category",
    "design.sham.risk_category": "us_risk_category",
    "condition.cerebral_palsy.gmfcs_eligible_levels[*]": "gmfcs_level",
    "registry_record.registry": "registry",
    "registry_record.minimum_age": "time_quantity",
    "registry_record.maximum_age": "time_quantity",
}
# Inclusive ranges the doc states where no rule already judges the value (target_enrollment > 0 is
# rule SPIRIT-SAMPLE-SIZE's): a percentage of 120 or a power of 80 would pass `gte` rules unnoticed.
RANGES = {
    "consent.parental_permission_parents": (1, 2),
    "design.statistics.power": (0, 1),
}
# The unit a plain number is in, from its name (x-unit), and the dimension of that unit (x-dimension).
UNIT_BY_SUFFIX = [
    ("_ml_per_kg", "mL/kg", None), ("_ml_per_min", "mL/min", None), ("_g_per_kg", "g/kg", None),
    ("_eu_per_kg", "EU/kg", "EU/kg"), ("_cells_per_kg", "cells/kg", "cells/kg"), ("dose_per_kg", "cells/kg", "cells/kg"),
    ("_hours_per_week", "hours/week", None), ("_percent", "%", "percent"), ("_years", "years", "time"),
    ("_months", "months", "time"), ("_month", "months", "time"), ("_days", "days", "time"),
    ("_hours", "hours", "time"), ("_ml", "mL", "volume"), ("_usd", "USD", None),
    ("_dose_cells", "cells", "cells"), ("_precryo", "cells", "cells"),
]
UNIT_BY_PATH = {"follow_up.months": ("months", "time"), "follow_up.visit_months": ("months", "time")}


def log(*args):
    print(*args, file=sys.stderr)


def cells(line):
    return [p.strip() for p in re.split(r"(?<!\\)\|", line.strip())[1:-1]]


def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def read_doc(path):
    rows, vocab, heading = [], {}, None
    in_vocab = False
    for line in open(path, encoding="utf-8"):
        if line.startswith("## "):
            in_vocab = line.strip() == "## Controlled vocabularies"
            heading = None
            continue
        if in_vocab and line.startswith("### "):
            heading = slug(line[4:])
            vocab[heading] = []
            continue
        if in_vocab and heading:
            if line.startswith("| `"):
                vocab[heading].append(cells(line)[0].strip("`"))
            elif not line.startswith("|"):
                vocab[heading] += re.findall(r"`([^`]+)`", line)
            continue
        if line.startswith("| `"):
            row = cells(line)
            if len(row) == 5:
                rows.append(row)
    return rows, vocab


def vocabulary_values(anchor, tokens):
    values = []
    for token in tokens:
        # Prose around the lists names a few values twice, and a code or a number in passing.
        if token in values or token in ("<85>",):
            continue
        values.append(token)
    if anchor == "routes":
        values = [v for v in values if v not in ("0.2",)]
    return values


def mappings(text):
    if text in ("", "—"):
        return None  # "—" (no native field) and an empty cell read the same
    out, last = {}, None
    keys = [("USDM ", "usdm"), ("CT.gov ", "ctgov"), ("M11 ", "m11"), ("WHO TRDS", "who_trds")]
    for part in re.split(r";\s+", text):
        for prefix, key in keys:
            if part.startswith(prefix):
                value = part if key == "who_trds" else part[len(prefix):].strip()
                out[key] = out[key] + "; " + value if key in out else value
                last = key
                break
        else:
            if last is None:
                raise SystemExit(f"mapping without a known prefix: {text!r}")
            out[last] += "; " + part
            log(f"  mapping part {part!r} kept with {last}")
    return out


def inline_values(text):
    values = []
    for token in re.findall(r"`([^`]+)`", text):
        token = token.strip('"')
        if token not in values:
            values.append(token)
    return values


def base_schema(path, ftype):
    if ftype == "string":
        return {"type": ["string", "null"]}
    if ftype == "integer":
        return {"type": ["integer", "null"]}
    if ftype == "number":
        return {"type": ["number", "null"]}
    if ftype == "boolean":
        return {"type": ["boolean", "null"]}
    if ftype == "date":
        return {"type": ["string", "null"], "format": "date"}
    if ftype == "map":
        return {"type": ["object", "null"]}
    if ftype == "quantity":
        return {}
    m = re.fullmatch(r"list<(\w+)>", ftype)
    if m:
        return {"type": ["array", "null"], "items": base_schema(path + "[*]", m.group(1))}
    raise SystemExit(f"{path}: unknown type {ftype}")


def main():
    doc, titles_file = sys.argv[1], sys.argv[2]
    rows, vocab = read_doc(doc)
    titles = {}
    for line in open(titles_file, encoding="utf-8"):
        if not line.strip():
            continue
        path, title, description = [p.strip() for p in line.split(" | ", 2)]
        titles[path] = (title, None if description == "-" else description)

    defs = dict(DEFS)
    for anchor, (name, title) in VOCABULARIES.items():
        values = vocabulary_values(anchor, vocab[anchor])
        defs[name] = {"title": title, "description": f"Controlled vocabulary: docs/protocol-schema.md#{anchor}", "enum": values + [None]}
        log(f"vocabulary {name}: {len(values)} values")

    root = {"properties": {}}
    nodes = {"": root}

    def parent_of(path):
        # "a.b[*].c" → ("a.b[*]", "c"); "a.b[*]" → ("a.b", "[*]"); "attestations.*" → ("attestations", "*")
        if path.endswith("[*]"):
            return path[:-3], "[*]"
        head, _, key = path.rpartition(".")
        return head, key

    def node(path):
        if path in nodes:
            return nodes[path]
        head, key = parent_of(path)
        parent = node(head)
        if key == "[*]":
            parent.setdefault("items", {"type": ["object", "null"]})
            nodes[path] = parent["items"]
        elif key == "*":
            parent["additionalProperties"] = {"type": ["object", "null"]}
            nodes[path] = parent["additionalProperties"]
        else:
            parent.setdefault("properties", {})
            parent["properties"][key] = {}
            nodes[path] = parent["properties"][key]
        return nodes[path]

    fields = 0
    for path_cell, ftype, allowed, example, mapping in rows:
        path = path_cell.strip("`")
        if not re.fullmatch(r"[a-z_][a-z0-9_]*(\.([a-z_][a-z0-9_]*|\*)|\[\*\])*", path):
            continue
        fields += 1
        schema = node(path)
        title, description = titles[path]
        built = base_schema(path, ftype)
        target = built["items"] if ftype.startswith("list<") else built  # where a vocabulary applies
        links = re.findall(r"\]\(#([a-z0-9\-]+)\)", allowed)
        vocab_link = next((a for a in links if a in VOCABULARIES), None)
        if path in SHARED:
            name = SHARED[path]
            ref = {"$ref": f"#/$defs/{name}"}
            if name == "time_quantity":
                built = dict(ref, **{"x-dimension": "time"})
            else:
                target.clear()
                target.update(ref)
            log(f"{path}: $defs/{name}")
        elif vocab_link:
            target.clear()
            target["$ref"] = f"#/$defs/{VOCABULARIES[vocab_link][0]}"
            log(f"{path}: vocabulary {VOCABULARIES[vocab_link][0]}")
        elif path in CLOSED_INLINE:
            values = inline_values(allowed)
            values += EXTRA_VALUES.get(path, [])
            target["enum"] = values + [None]
            del target["type"]
            log(f"{path}: enum {values}")
        elif "`" in allowed and ftype not in ("boolean", "map", "list<map>"):
            log(f"{path}: left open ({allowed})")
        if path in RANGES:
            low, high = RANGES[path]
            if low is not None:
                built["minimum"] = low
            if high is not None:
                built["maximum"] = high
        if path.endswith("_percent"):
            built["minimum"], built["maximum"] = 0, 100
        unit = UNIT_BY_PATH.get(path)
        if unit is None and ftype in ("number", "integer", "list<number>"):
            unit = next(((u, d) for suffix, u, d in UNIT_BY_SUFFIX if path.endswith(suffix)), None)
        if unit and ftype in ("number", "list<number>"):
            if unit[0] in ("cells", "cells/kg"):
                target.clear()
                target["$ref"] = "#/$defs/number_form"
            target["x-unit"] = unit[0]
            if unit[1]:
                target["x-dimension"] = unit[1]

        out = {"title": title}
        if description:
            out["description"] = description[0].upper() + description[1:]
        out.update(built)
        if example:
            texts = re.findall(r"`([^`]*)`", example) or [example]
            values = []
            for t in texts:
                try:
                    values.append(load_example(t))
                except yaml.YAMLError:
                    values.append(t)
            if path == "attestations.*":
                values = [{"by": "Dr A. Reviewer, IRB chair", "date": "2026-10-02",
                           "statement": "Risk-benefit assessment reviewed; favourable."}]
            out["examples"] = values
        m = mappings(mapping)
        if m is not None:
            out["x-mappings"] = m
        # Children added before this row (none: parents come first) stay.
        for key in ("properties", "items", "additionalProperties"):
            if key in schema and key not in out:
                out[key] = schema[key]
            elif key in schema and key in out:
                if key == "items" and "properties" in schema["items"]:
                    out["items"].update({k: v for k, v in schema["items"].items() if k not in out["items"]})
        schema.clear()
        schema.update(out)
        nodes[path] = schema
        if ftype.startswith("list<"):
            nodes[path + "[*]"] = schema["items"]

    required = {"waivers[*]": ["rule", "justification", "approved_by", "expires"], "attestations.*": ["by", "date"]}
    for path, keys in required.items():
        # The engine reads these itself and rejects a null or missing one (an input error, exit 2).
        nodes[path]["required"] = keys
        nodes[path]["type"] = "object"
        for key in keys:
            nodes[path]["properties"][key]["type"] = "string"

    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "stemcheck protocol document",
        "description": "The shape of the protocol documents the shipped rule packs read (docs/protocol-schema.md). "
                       "Open: keys not listed here are allowed (stemcheck warns about keys no rule or field uses). "
                       "Every field may be null or absent: that is 'not stated' (SPEC 3.2), not a type error.",
        "x-version": SCHEMA_VERSION,
        "type": "object",
        "properties": root["properties"],
        "$defs": defs,
    }
    log(f"{fields} fields")
    sys.stdout.write(dump(document) + "\n")


def dump(value, indent=0, width=110):
    """JSON with short arrays and objects of scalars on one line, for a file people edit."""
    one = json.dumps(value, ensure_ascii=False)
    scalar = lambda v: not isinstance(v, (dict, list)) or (isinstance(v, list) and all(not isinstance(x, (dict, list)) for x in v))
    if not isinstance(value, (dict, list)):
        return one
    if len(one) + indent <= width and (isinstance(value, list) and all(not isinstance(x, (dict, list)) for x in value)
                                       or isinstance(value, dict) and all(scalar(v) for v in value.values())):
        return one
    pad = " " * (indent + 2)
    if isinstance(value, list):
        if all(not isinstance(x, (dict, list)) for x in value):
            # wrap long scalar lists
            lines, line = [], []
            for x in value:
                item = json.dumps(x, ensure_ascii=False)
                if line and len(pad) + len(", ".join(line + [item])) + 1 > width:
                    lines.append(", ".join(line))
                    line = []
                line.append(item)
            lines.append(", ".join(line))
            return "[\n" + ",\n".join(pad + l for l in lines) + "\n" + " " * indent + "]"
        return "[\n" + ",\n".join(pad + dump(x, indent + 2, width) for x in value) + "\n" + " " * indent + "]"
    items = [pad + json.dumps(k, ensure_ascii=False) + ": " + dump(v, indent + 2, width) for k, v in value.items()]
    return "{\n" + ",\n".join(items) + "\n" + " " * indent + "}"


if __name__ == "__main__":
    main()
