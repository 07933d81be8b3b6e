#!/usr/bin/env python3
# check-flatpak.py — the Flatpak manifest is valid and complete, without a runtime.
# CI cannot fetch a GNOME runtime, so this checks what can be checked here:
# the manifest parses, names our app id and command, asks only for what an
# offline shop tool needs (no blanket home access; all devices for the camera,
# see below), and every library meson asks for is either in the GNOME runtime
# or built by one of its modules.
import json
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
manifest_path = root / "flatpak" / "org.craftchain.Workstation.json"
manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
errors = []

def need(cond, message):
    if not cond:
        errors.append(message)

need(manifest.get("id") == "org.craftchain.Workstation", "app id must be org.craftchain.Workstation")
need(manifest.get("command") == "craftchain", "command must be craftchain")
need(manifest.get("runtime") == "org.gnome.Platform" and manifest.get("sdk") == "org.gnome.Sdk",
     "must build on the GNOME runtime and SDK")
need(str(manifest.get("runtime-version", "")).isdigit() and int(manifest["runtime-version"]) >= 44,
     "runtime-version must be a current GNOME release (44 or newer)")

args = manifest.get("finish-args", [])
for forbidden in ("--filesystem=home", "--filesystem=host", "--filesystem=host-os"):
    need(forbidden not in args, f"finish-args must not contain {forbidden}: files go through the portal")
# The camera window reads /dev/video* through GStreamer's v4l2src. Flatpak
# has no finer permission for cameras: --device=all is the only way short of
# the camera portal (which hands out a PipeWire stream, and needs
# pipewiresrc and xdg-desktop-portal's Camera interface — not in Debian 12's
# stack). It also covers the GPU, so --device=dri is not needed beside it.
need("--device=all" in args, "the camera needs --device=all (/dev/video*; Flatpak has no camera-only device permission)")
need("--device=dri" not in args, "--device=dri is redundant beside --device=all")
need("--share=network" in args, "sync needs --share=network")
need("--socket=wayland" in args and "--socket=fallback-x11" in args, "needs wayland with x11 fallback")
need("--share=ipc" in args, "needs --share=ipc for X11")

# What the GNOME runtime already ships (pkg-config names).
runtime = {
    "glib-2.0", "gio-2.0", "gobject-2.0", "gtk4", "libadwaita-1", "sqlite3",
    "json-glib-1.0", "gdk-pixbuf-2.0", "cairo", "pangocairo", "libsoup-3.0",
    "libcurl", "gstreamer-1.0", "gstreamer-app-1.0", "gstreamer-video-1.0",
    "gstreamer-pbutils-1.0",
}
# Which module builds which pkg-config names.
module_provides = {
    "libsodium": {"libsodium"},
    "libqrencode": {"libqrencode"},
    "libpq": {"libpq"},
}

modules = manifest.get("modules", [])
names = [m.get("name") for m in modules if isinstance(m, dict)]
need(names and names[-1] == "craftchain", "the last module must build this repository")
if names and names[-1] == "craftchain":
    app = modules[-1]
    need(app.get("buildsystem") == "meson", "craftchain builds with meson")
    need(any(s.get("type") == "dir" and s.get("path") == ".." for s in app.get("sources", [])),
         "craftchain's source must be this repository (type dir, path ..)")
for m in modules[:-1]:
    need(m.get("sources"), f"module {m.get('name')} has no sources")
    for s in m.get("sources", []):
        if s.get("type") in ("archive", "file"):
            need(re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", "")), f"module {m.get('name')}: archive without sha256")
        if s.get("type") == "git":
            need(s.get("tag") or s.get("commit"), f"module {m.get('name')}: git source without tag or commit")

provided = set(runtime)
for n in names:
    provided |= module_provides.get(n, set())

wanted = set()
for build in root.rglob("meson.build"):
    if any(part.startswith("_") for part in build.relative_to(root).parts):
        continue
    if build.relative_to(root).parts[0] in ("server-sync", "bench", "tests"):
        continue  # not part of the desktop program
    for name in re.findall(r"dependency\(\s*'([^']+)'", build.read_text(encoding="utf-8")):
        wanted.add(name)

for name in sorted(wanted - provided):
    errors.append(f"meson needs '{name}' but neither the runtime nor a module provides it")
need(wanted, "found no dependency() in meson.build files")

for e in errors:
    print("flatpak manifest:", e)
print(f"checked {manifest_path.name}: {len(wanted)} libraries, {len(modules)} modules, {len(errors)} problems")
sys.exit(1 if errors else 0)
