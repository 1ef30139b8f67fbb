#!/usr/bin/env python3
"""Picks a few dozen seeds from a large fuzzing corpus: greedily, the file that adds the most
libFuzzer features not yet covered (the smaller on a tie), until N files or nothing new.

    cd fuzz && mkdir -p /tmp/m && target/x86_64-unknown-linux-gnu/release/TARGET \\
        -merge=1 -merge_control_file=/tmp/ctl.txt /tmp/m target/corpus/TARGET
    python3 select_seeds.py /tmp/ctl.txt 40 corpus/TARGET
"""
import os
import shutil
import sys


def main(control: str, count: int, out: str) -> None:
    lines = open(control).read().split("\n")
    n = int(lines[0])
    files = lines[2 : 2 + n]
    features = {}
    for line in lines[2 + n :]:
        parts = line.split()
        if parts and parts[0] == "FT":
            features[int(parts[1])] = set(map(int, parts[2:]))
    total = set().union(*features.values()) if features else set()
    covered, chosen = set(), []
    while len(chosen) < count and features:
        best = max(features, key=lambda i: (len(features[i] - covered), -os.path.getsize(files[i])))
        if not features[best] - covered:
            break
        chosen.append(best)
        covered |= features.pop(best)
    os.makedirs(out, exist_ok=True)
    for i in chosen:
        shutil.copy(files[i], os.path.join(out, os.path.basename(files[i])))
    size = sum(os.path.getsize(files[i]) for i in chosen)
    print(f"{len(chosen)} files ({size} bytes) cover {len(covered)} of {len(total)} features")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
