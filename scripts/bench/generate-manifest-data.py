"""Writes the folders scripts/bench/manifest.sh records: N documents of about 1 KB of words each,
deterministic (seeded), and edits a given number of them in place.

    generate-manifest-data.py DIR --documents 100000            # DIR/docs/<shard>/<n>.txt, cached
    generate-manifest-data.py DIR --edit 100 --seed 2           # rewrites 100 documents
"""
import argparse
import os
import random

WORDS = ("refund order shipping support warranty device return policy customer account payment invoice "
         "delivery tracking address label package carrier days within business international contact "
         "replace repair battery screen charger cable manual setup reset password login email").split()


def text(rng):
    words = []
    size = 0
    while size < 1000:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    lines = [" ".join(words[i:i + 12]) for i in range(0, len(words), 12)]
    return ("\n".join(lines) + "\n")[:1024]


def path(root, n):
    return os.path.join(root, "docs", "%03d" % (n % 1000), "%06d.txt" % n)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("dir")
    parser.add_argument("--documents", type=int, default=100000)
    parser.add_argument("--edit", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    marker = os.path.join(args.dir, "docs", ".complete-%d" % args.documents)
    if args.edit:
        rng = random.Random(args.seed)
        for n in rng.sample(range(args.documents), args.edit):
            with open(path(args.dir, n), "w") as out:
                out.write(text(rng))
        return
    if os.path.exists(marker):
        return
    rng = random.Random(0)
    for n in range(args.documents):
        target = path(args.dir, n)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as out:
            out.write(text(rng))
    open(marker, "w").close()


if __name__ == "__main__":
    main()
