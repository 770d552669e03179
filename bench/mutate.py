#!/usr/bin/env python3
"""Mutated protocols for bench/mutations.sh: each one is a source protocol with 1-8 random edits
(a key deleted, a value replaced by null, another type, a partial date, a range, a placeholder
or a non-ASCII text, a list item duplicated, a key copied under a non-ASCII name, a value copied
from elsewhere in the document). Deterministic for a seed.

Usage: bench/mutate.py OUT_DIR SEED COUNT SOURCE...   (SOURCE: YAML files; those that are not
                                                        protocols are passed over)
"""
import copy
import os
import random
import sys

import yaml

VALUES = [None, "", "unknown", "2023", "2023-05", "2023-05-01", "10-20 mL", "1e6 cells/kg", 0, -1, 3.5,
          True, False, [], {}, ["x"], {"a": 1}, "TBD", "n/a", "yes", "Ünïcødé", "5 years", "P5Y", "  ",
          "2e6 cells/kg", "100 mL", "experimental", "placebo"]


# A source is taken when it has one of these top-level keys (schema v1 or v2).
PROTOCOL_KEYS = {"protocol", "products", "product", "registrations", "registration", "design", "approvals"}


def nodes(value, path=()):
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from nodes(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from nodes(child, path + (index,))


def get(value, path):
    for step in path:
        value = value[step]
    return value


def mutate(document, rng):
    for _ in range(rng.randint(1, 8)):
        paths = [p for p, _ in nodes(document) if p]
        if not paths:
            return
        path = rng.choice(paths)
        parent, key = get(document, path[:-1]), path[-1]
        r = rng.random()
        if r < 0.35:
            del parent[key]
        elif r < 0.75:
            parent[key] = copy.deepcopy(rng.choice(VALUES))
        elif r < 0.85 and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        elif r < 0.92 and isinstance(parent, dict):
            parent["ünknown_" + str(key)] = copy.deepcopy(parent[key])
        else:
            other = rng.choice([p for p, _ in nodes(document)])
            parent[key] = None if other[:len(path)] == path else copy.deepcopy(get(document, other))


def main():
    out, seed, count, sources = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4:]
    rng = random.Random(seed)
    documents = []
    for source in sorted(sources):
        try:
            with open(source, encoding="utf-8") as f:
                document = yaml.safe_load(f)
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        # Protocols only (the fixtures also hold rule packs, test cases and YAML test documents).
        if isinstance(document, dict) and PROTOCOL_KEYS & set(map(str, document)):
            documents.append(document)
    os.makedirs(out, exist_ok=True)
    for n in range(count):
        document = copy.deepcopy(rng.choice(documents))
        mutate(document, rng)
        with open(os.path.join(out, f"m{n:05d}.yaml"), "w", encoding="utf-8") as f:
            yaml.safe_dump(document, f, sort_keys=False, allow_unicode=True)


if __name__ == "__main__":
    main()
