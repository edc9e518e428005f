#!/usr/bin/python3
"""Marks one version requirement of an ELF64 shared library weak (VER_FLG_WEAK in its .gnu.version_r entry).

A weak version requirement that the system library lacks is no longer fatal at load time; the symbol that needed it
must then be provided elsewhere (prepare-libtorch.sh clears that symbol's version and adds a compat library).
Usage: weaken_version.py LIB VERSION  (edits LIB in place; exits 1 naming the problem when nothing matched).
"""
import struct
import sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def main(path: str, version: str) -> int:
    with open(path, "rb") as f:
        data = bytearray(f.read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        print(f"{path}: not a little-endian ELF64 file", file=sys.stderr)
        return 1
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    changed = 0
    for _, kind, _, _, offset, _, link, count, _, _ in sections:
        if kind != SHT_GNU_VERNEED:
            continue
        strtab = sections[link][4]

        def name_at(off: int) -> str:
            end = data.index(0, strtab + off)
            return data[strtab + off:end].decode()

        entry = offset
        for _ in range(count):
            _, aux_count, _, aux, next_entry = struct.unpack_from("<HHIII", data, entry)
            a = entry + aux
            for _ in range(aux_count):
                _, flags, _, name, next_aux = struct.unpack_from("<IHHII", data, a)
                if name_at(name) == version:
                    struct.pack_into("<H", data, a + 4, flags | VER_FLG_WEAK)
                    changed += 1
                a += next_aux
            entry += next_entry
    if changed == 0:
        print(f"{path}: no requirement of version {version} found in .gnu.version_r", file=sys.stderr)
        return 1
    with open(path, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
