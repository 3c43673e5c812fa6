#!/usr/bin/env python3
"""Fills the English singular and plural forms of gatehouse_en.ts.

gatehouse_en.ts holds only the %n strings (lupdate -pluralonly, see ui/CMakeLists.txt): the
source text is written "%n error(s)", and English needs "%n error" and "%n errors". After
`cmake --build build/ci --target update_translations`, run this to fill new entries:
    translations/fill_en_plurals.py translations/gatehouse_en.ts
It fills only unfinished entries, so forms written by hand are kept.
"""
import re
import sys
import xml.etree.ElementTree as ET


def forms(source):
    singular = re.sub(r"\((?:s|es)\)", "", source)
    plural = re.sub(r"\((s|es)\)", r"\1", source)
    return singular, plural


def main(path):
    tree = ET.parse(path)
    filled = 0
    for message in tree.iter("message"):
        if message.get("numerus") != "yes":
            continue
        translation = message.find("translation")
        if translation.get("type") not in ("unfinished", None) or (
            translation.get("type") is None and all((f.text or "") for f in translation)
        ):
            continue
        for child in list(translation):
            translation.remove(child)
        for text in forms(message.find("source").text):
            form = ET.SubElement(translation, "numerusform")
            form.text = text
        translation.attrib.pop("type", None)
        filled += 1
    tree.write(path, encoding="utf-8", xml_declaration=True)
    # lupdate writes a DOCTYPE line; keep the file as lupdate would.
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("<?xml version='1.0' encoding='utf-8'?>",
                        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text if text.endswith("\n") else text + "\n")
    print(f"{path}: filled {filled} plural message(s)")


if __name__ == "__main__":
    main(sys.argv[1])
