#!/usr/bin/env python3
"""Consistency check of the held-out set (standard library only).

Checks that gold.json has the shape the scorer reads, that every quote is an
exact substring of its text, that dates and kinds are well formed, that every
text is 1200-2500 bytes of UTF-8 and has gold and traps, and that the counts
in manifest.yaml agree with gold.json. It does not run the extractor.

    python3 testdata/heldout/check.py
"""
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
REQUIRED = {
    "official": ["role", "name", "quote", "peripheral"],
    "poll": ["year", "source", "population", "measure", "value_percent", "quote"],
    "mission": ["type", "city", "country", "of", "quote"],
    "event": ["date", "type", "summary", "quote"],
    "relation_established": ["date", "quote"],
}


def counts(facts):
    c = {"officials": 0, "officials_peripheral": 0, "polls": 0, "missions": 0,
         "events": 0, "events_peripheral": 0, "relation_established": 0}
    for f in facts:
        k = f["kind"]
        per = f.get("peripheral", False)
        if k == "official":
            c["officials_peripheral" if per else "officials"] += 1
        elif k == "poll":
            c["polls"] += 1
        elif k == "mission":
            c["missions"] += 1
        elif k == "event":
            c["events_peripheral" if per else "events"] += 1
        elif k == "relation_established":
            c["relation_established"] += 1
    return c


def manifest_counts(path):
    """Reads the 'file:' and 'facts:' lines that build the manifest."""
    out, cur = {}, None
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*- file: texts/(\S+)", line)
        if m:
            cur = m.group(1)
            continue
        m = re.match(r"\s*facts: \{(.*)\}", line)
        if m and cur:
            out[cur] = {k.strip(): int(v) for k, v in
                        (kv.split(":") for kv in m.group(1).split(","))}
    return out


def main():
    errs = []
    gold = json.load(open(os.path.join(HERE, "gold.json"), encoding="utf-8"))
    if set(gold) != {"gold", "traps"}:
        errs.append("gold.json: top-level keys must be gold and traps")
    texts = sorted(os.listdir(os.path.join(HERE, "texts")))
    if sorted(gold["gold"]) != texts:
        errs.append("gold.json: gold keys differ from texts/")
    if sorted(gold["traps"]) != texts:
        errs.append("gold.json: traps keys differ from texts/")
    mc = manifest_counts(os.path.join(HERE, "manifest.yaml"))
    if sorted(mc) != texts:
        errs.append("manifest.yaml: files differ from texts/")
    for name in texts:
        raw = open(os.path.join(HERE, "texts", name), "rb").read()
        text = raw.decode("utf-8")
        if not 1200 <= len(raw) <= 2500:
            errs.append(f"{name}: {len(raw)} bytes, want 1200-2500")
        facts = gold["gold"].get(name, [])
        for i, f in enumerate(facts):
            where = f"{name}: fact {i} ({f.get('kind')})"
            if f.get("kind") not in REQUIRED:
                errs.append(f"{where}: unknown kind")
                continue
            for key in REQUIRED[f["kind"]]:
                if key not in f:
                    errs.append(f"{where}: missing {key}")
            if f.get("quote", "") not in text or not f.get("quote"):
                errs.append(f"{where}: quote not in text: {f.get('quote')!r}")
            d = f.get("date")
            if d is not None and not DATE.match(d):
                errs.append(f"{where}: bad date {d!r}")
            y = f.get("year")
            if f["kind"] == "poll" and y is not None and not isinstance(y, int):
                errs.append(f"{where}: poll year must be an integer or null")
        if name in mc and mc[name] != counts(facts):
            errs.append(f"{name}: manifest counts {mc[name]} != gold {counts(facts)}")
        if not gold["traps"].get(name):
            errs.append(f"{name}: no traps")
    for e in errs:
        print(e)
    total = sum(len(v) for v in gold["gold"].values())
    print(f"{len(texts)} texts, {total} facts, {len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
