#!/usr/bin/env bash
# Quill's Chroma embedding checksums against the real chromadb: a persistent directory of COUNT
# records of DIM dimensions per space (l2, cosine, ip), written with chromadb's default sync
# threshold (so most vectors are in the HNSW files), then some re-embedded and some deleted, then a
# few re-embedded again (left in the queue); `quill manifest record` must give every record the git blob id of the float32
# bytes of the vector `collection.get(include=["embeddings"])` returns, and nothing for the deleted.
#   scripts/oracle/chroma-embeddings.sh QUILL PYTHON [COUNT] [DIM]
# PYTHON has chromadb installed (pip install chromadb==1.5.9, or chromadb==0.6.3 'numpy<2').
set -euo pipefail
quill="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
python="$2" count="${3:-2500}" dim="${4:-384}"
scratch="$(mktemp -d)"; trap 'rm -rf "$scratch"' EXIT
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_SYSTEM=/dev/null
git init -q "$scratch/r"
failed=0
for space in l2 cosine ip; do
    "$python" - "$scratch/$space" "$space" "$count" "$dim" >"$scratch/$space.expected" 2>"$scratch/$space.log" <<'PY'
import hashlib, struct, sys
import numpy as np
import chromadb
folder, space, count, dim = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(20261206)
client = chromadb.PersistentClient(path=folder)
collection = client.create_collection("oracle", metadata={"hnsw:space": space}, embedding_function=None)
ids = ["r%06d" % n for n in range(count)]
vectors = (rng.standard_normal((count, dim)) * rng.uniform(0.01, 10, (count, 1))).astype(np.float32)
for start in range(0, count, 500):
    collection.add(ids=ids[start:start + 500], embeddings=vectors[start:start + 500], documents=["text of " + i for i in ids[start:start + 500]])
changed = ids[::7]
collection.update(ids=changed, embeddings=rng.standard_normal((len(changed), dim)).astype(np.float32))
deleted = set(ids[3::11])
collection.delete(ids=sorted(deleted))
late = [i for i in ids[1:80:2] if i not in deleted]  # fewer than the sync threshold: left in the queue
collection.update(ids=late, embeddings=rng.standard_normal((len(late), dim)).astype(np.float32))
kept = [i for i in ids if i not in deleted]
got = collection.get(ids=kept, include=["embeddings"])
for i, e in zip(got["ids"], got["embeddings"]):
    data = np.asarray(e, dtype="<f4").tobytes()
    print(i, "blob:" + hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest())
print("chromadb", chromadb.__version__, file=sys.stderr)
PY
    sort -o "$scratch/$space.expected" "$scratch/$space.expected"
    (cd "$scratch/r" && "$quill" manifest record "$scratch/$space" --name "$space" >/dev/null &&
        "$quill" manifest show "latest:$space" --format json) >"$scratch/$space.json"
    python3 - "$scratch/$space.json" >"$scratch/$space.actual" <<'PY'
import json, sys
for document in json.load(open(sys.argv[1]))["documents"]:
    for chunk in document["chunks"]:
        print(chunk["id"], chunk.get("embedding", "none"))
PY
    sort -o "$scratch/$space.actual" "$scratch/$space.actual"
    queued=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM embeddings_queue').fetchone()[0])" "$scratch/$space/chroma.sqlite3")
    records=$(wc -l <"$scratch/$space.expected")
    same=$(comm -12 "$scratch/$space.expected" "$scratch/$space.actual" | wc -l)
    echo "$space: $(tail -1 "$scratch/$space.log"), $records records ($queued queue rows), $same checksums equal to collection.get's"
    if ! cmp -s "$scratch/$space.expected" "$scratch/$space.actual"; then
        diff "$scratch/$space.expected" "$scratch/$space.actual" | head -5
        failed=1
    fi
done
exit "$failed"
