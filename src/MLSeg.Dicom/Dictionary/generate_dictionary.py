#!/usr/bin/python3
"""Writes dictionary.tsv (tag, VR, VM, keyword) from pydicom's data dictionary: facts of PS3.6, not code.
Run: /usr/bin/python3 generate_dictionary.py > dictionary.tsv"""
import sys
from pydicom.datadict import DicomDictionary

for tag in sorted(DicomDictionary):
    vr, vm, name, retired, keyword = DicomDictionary[tag]
    if not keyword:
        continue
    sys.stdout.write(f"{tag:08X}\t{vr.split(' ')[0]}\t{vm}\t{keyword}\n")
