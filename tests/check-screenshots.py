#!/usr/bin/env python3
# check-screenshots.py — the metainfo's screenshots are real files kept in
# data/screenshots/, with the sizes the metainfo declares.
import pathlib
import struct
import sys
import xml.etree.ElementTree as ET

root = pathlib.Path(sys.argv[1])
tree = ET.parse(root / "data" / "org.craftchain.Workstation.metainfo.xml.in")
images = tree.getroot().findall("./screenshots/screenshot/image")
errors = []
if not images:
    errors.append("the metainfo lists no screenshots")
for image in images:
    name = image.text.strip().rsplit("/", 1)[-1]
    path = root / "data" / "screenshots" / name
    if not path.is_file():
        errors.append(f"{name}: not in data/screenshots/")
        continue
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        errors.append(f"{name}: not a PNG")
        continue
    width, height = struct.unpack(">II", head[16:24])
    if (str(width), str(height)) != (image.get("width"), image.get("height")):
        errors.append(f"{name}: is {width}×{height}, the metainfo says {image.get('width')}×{image.get('height')}")
for e in errors:
    print("screenshots:", e)
print(f"checked {len(images)} screenshots, {len(errors)} problems")
sys.exit(1 if errors else 0)
